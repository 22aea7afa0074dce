import { describe, expect, it } from 'vitest';
import { explain, fit, simulate } from '../../netem/index.js';
import { loadScenario, shortened } from './helpers.js';

describe('cni-1g (seed 004, 1 Gbit/s pod -> measurement server)', () => {
  const s = loadScenario('cni-1g');
  const rows = simulate(s, { seed: 1 });

  it('simulates every measured row within ±1.5 % with fewer fitted parameters than measurements', () => {
    const measured = rows.filter((r) => r.errorPct !== null);
    expect(measured).toHaveLength(5);
    for (const r of measured) expect(Math.abs(r.errorPct!), r.name).toBeLessThanOrEqual(1.5);
    expect(s.fitParameters.length).toBe(1);
    expect(s.fitParameters.length).toBeLessThan(measured.length);
  });

  it('puts the host baseline at the wire limit of 1 GbE (unmeasured in the paper)', () => {
    const host = rows.find((r) => r.name === 'host')!;
    expect(host.measured).toBeNull();
    expect(host.simulated / 1e6).toBeCloseTo(941.5, 0);
  });
});

describe('cni-10g (seed 004, 10 Gbit/s pod <-> pod)', () => {
  const s = loadScenario('cni-10g');

  it('simulates both rows within ±2 %', () => {
    for (const r of simulate(s, { seed: 1 })) expect(Math.abs(r.errorPct!), r.name).toBeLessThanOrEqual(2);
  });

  it('explains: causes + residual add up to the gap, and 9.88 Gbit/s implies an MTU of ~7462 B', () => {
    const e = explain(s, { seed: 1 });
    for (const row of e.rows) {
      const sum = row.causes.reduce((acc, c) => acc + c.bps, 0);
      expect(sum).toBeCloseTo(row.gapBps, 3);
    }
    const hd = e.rows.find((r) => r.name === 'host-device')!;
    expect(Math.round(hd.impliedMtu!)).toBe(7462);
    const mv = e.rows.find((r) => r.name === 'macvlan')!;
    // Macvlan's gap to host-device is the fitted CPU cost of the macvlan hop, not headers.
    const cpu = mv.causes.find((c) => c.cause === 'cpu')!.bps;
    expect(cpu / mv.gapBps).toBeGreaterThan(0.9);
  });
});

describe('honesty', () => {
  // Short runs: this checks where numbers come from, not their accuracy.
  const s = shortened(loadScenario('cni-10g'), 200_000_000, 80_000_000);
  const edited = {
    ...s,
    datapaths: s.datapaths.map((d) => (d.measured === undefined ? d : { ...d, measured: { ...d.measured, bps: d.measured.bps * 0.8, text: 'edited' } })),
  };

  it('simulate never reads measured values: editing them leaves every simulated number unchanged', () => {
    const a = simulate(s, { seed: 7 });
    const b = simulate(edited, { seed: 7 });
    expect(b.map((r) => r.simulated)).toEqual(a.map((r) => r.simulated));
    expect(b.map((r) => r.measured)).not.toEqual(a.map((r) => r.measured));
  });

  it('fit does read them: editing them changes the fitted parameters', () => {
    const a = fit(s, { seed: 7, maxIterations: 2 });
    const b = fit(edited, { seed: 7, maxIterations: 2 });
    expect(b.parameters).not.toEqual(a.parameters);
    expect(a.fittedParameters).toBe(1);
    expect(a.measurements).toBe(2);
  });
});

describe('explain on an overlay (pod to pod, wire-limited)', () => {
  it('charges tunnel bytes to encapsulation and only the needless part of an MTU cut to packet count', () => {
    const base = shortened(loadScenario('cni-1g'), 150_000_000, 50_000_000);
    // Same setup, but pod to pod inside the cluster (overlays encapsulate) and without the fitted veth cost.
    const s = {
      ...base,
      parameters: {},
      datapaths: base.datapaths
        .filter((d) => ['host', 'flannel', 'weave'].includes(d.name))
        .map((d) => ({ ...d, scope: 'pod' as const, toPlugin: d.plugin })),
    };
    const rows = explain(s, { seed: 1 }).rows;
    const share = (name: string, c: string) => rows.find((r) => r.name === name)!.causes.find((x) => x.cause === c)!.bps / 1e6;
    const flannel = rows.find((r) => r.name === 'flannel')!;
    // Analytically: 941.48 -> 909.0 Mbit/s; the 50 VXLAN bytes alone cost 939.5 - 909.0 = 30.5 Mbit/s.
    expect(flannel.gapBps / 1e6).toBeCloseTo(32.5, 0);
    expect(share('flannel', 'encap')).toBeCloseTo(30.5, 0);
    // 1450 is exactly what VXLAN needs: no MTU share. Weave's 1376 costs 909.0 - 904.4 = 4.6 Mbit/s more.
    expect(Math.abs(share('flannel', 'mtu'))).toBeLessThan(0.5);
    expect(share('weave', 'mtu')).toBeCloseTo(4.6, 0);
    // The tunnel's own MSS cut (1448 -> 1398) is the interaction left in the residual.
    expect(share('flannel', 'residual')).toBeCloseTo(2.0, 0);
  });
});
