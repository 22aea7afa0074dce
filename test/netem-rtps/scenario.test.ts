import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from './yaml.js';
import { parseScenario, ScenarioError } from '../../netem/index.js';
import { parseAnyScenario, rtpsScenarioFrom, simulateRtps, sweepRtps, type RtpsResult, type RtpsScenario } from '../../netem/rtps/index.js';
import type { UdpDatagramInput } from '../../netem/pcap/udp-frame.js';
import { decodeMessage } from '../../rtps/index.js';

const text = (name: string): string => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)), 'utf8');

function edge(): RtpsScenario {
  const s = parseAnyScenario(text('edge-rpi'));
  if (s.kind !== 'rtps') throw new Error('edge-rpi is not an RTPS scenario');
  return s.scenario;
}

/** The document with `edit` applied, checked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits an untyped YAML document
type Doc = Record<string, any>;

function edited(edit: (doc: Doc) => void): RtpsScenario {
  const doc = parseYaml(text('edge-rpi')) as Doc;
  edit(doc);
  return rtpsScenarioFrom(doc);
}

function errorPath(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.path;
    throw e;
  }
  throw new Error('no ScenarioError');
}

describe('RTPS scenarios', () => {
  it('edge-rpi loads: three clusters with their default datapaths, sizes 5 000..50 000 step 5 000, three findings', () => {
    const s = edge();
    expect(s.clusters.map((c) => [c.name, c.plugin])).toEqual([
      ['k8s', 'calico-ipip'],
      ['k3s', 'flannel-vxlan'],
      ['k0s', 'bridge'],
    ]);
    expect(s.traffic.sizes).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000]);
    expect(s.traffic.windowNs).toBe(50e6);
    expect(s.findings.map((f) => f.id)).toEqual(['k8s-lowest-rtt', 'k8s-most-packets', 'k0s-least-resources']);
  });

  it('the TCP scenarios still load, through parseAnyScenario too; parseScenario points RTPS files elsewhere', () => {
    for (const name of ['cni-1g', 'cni-10g']) {
      expect(parseAnyScenario(text(name)).kind).toBe('tcp-bulk');
      expect(parseScenario(text(name)).name).toBe(name);
    }
    expect(errorPath(() => parseScenario(text('edge-rpi')))).toBe('traffic.kind');
  });

  it('names the offending key of a bad RTPS scenario', () => {
    expect(errorPath(() => edited((d) => (d.rtps.parameters['rtps.nope'] = 1)))).toBe('rtps.parameters.rtps.nope');
    expect(errorPath(() => edited((d) => (d.clusters[1].ping.node = 'nowhere')))).toBe('clusters[1].ping.node');
    expect(errorPath(() => edited((d) => (d.clusters[0].pong.ip = '10.1.2')))).toBe('clusters[0].pong.ip');
    expect(errorPath(() => edited((d) => (d.clusters[2].name = 'k8s')))).toBe('clusters[2].name');
    expect(errorPath(() => edited((d) => (d.findings[0].cluster = 'k9s')))).toBe('findings[0].cluster');
    expect(errorPath(() => edited((d) => (d.findings[1].metric = 'jitter')))).toBe('findings[1].metric');
    expect(errorPath(() => edited((d) => (d.counterfactuals[0].plugin = 'cilium')))).toBe('counterfactuals[0].plugin');
    expect(errorPath(() => edited((d) => (d.traffic.sizes = [5000, 7]))))
      .toBe('traffic.sizes[1]');
    expect(errorPath(() => edited((d) => (d.clusters[0].backgroundLoad = { 'worker-9': 0.1 })))).toBe('clusters[0].backgroundLoad.worker-9');
  });
});

describe('sweepRtps', () => {
  it('sets the swept parameter in every cluster and re-checks the findings at each point', () => {
    const s = edge();
    const r = sweepRtps(s, 'cpu.stack.perPacketNs', [1000, 40000], { seed: 3, sizes: [5000], durationNs: 30e6, clusters: ['k0s'] });
    expect(r.points.map((p) => p.value)).toEqual([1000, 40000]);
    // A costlier stack hop on each of the 4 crossings per direction makes every round trip slower.
    expect(r.points[1]!.rows[0]!.rttP50Ns).toBeGreaterThan(r.points[0]!.rows[0]!.rttP50Ns);
    expect(r.points[0]!.findings).toHaveLength(s.findings.length);
    expect(() => sweepRtps(s, 'cpu.nope', [1], { seed: 1 })).toThrow(RangeError);
  });
});

describe('simulateRtps on edge-rpi (short runs)', () => {
  const opts = { seed: 3, sizes: [5000, 20000], durationNs: 60e6, counterfactuals: false } as const;
  const s = edge();
  const pcap: { d: UdpDatagramInput; cluster: string }[] = [];
  let result: RtpsResult;
  beforeAll(() => {
    result = simulateRtps(s, { ...opts, pcapSink: (d, cluster) => pcap.push({ d, cluster }) });
  });

  it('gives a row per cluster and size with round trips, no timeouts, and RTT growing with the size', () => {
    expect(result.rows.map((r) => [r.cluster, r.size, r.podMtu])).toEqual([
      ['k8s', 5000, 1480],
      ['k8s', 20000, 1480],
      ['k3s', 5000, 1450],
      ['k3s', 20000, 1450],
      ['k0s', 5000, 1500],
      ['k0s', 20000, 1500],
    ]);
    for (const r of result.rows) {
      expect(r.roundTrips).toBeGreaterThan(5);
      expect(r.timeouts).toBe(0);
      expect(r.rttMinNs).toBeLessThanOrEqual(r.rttP50Ns);
      expect(r.rttP50Ns).toBeLessThanOrEqual(r.rttP90Ns);
      // Every fragment of the ping and of the pong crosses the ping node's NIC.
      expect(r.framesPerRoundTrip).toBeGreaterThanOrEqual(2 * Math.ceil(r.size / (r.podMtu - 28)));
      expect(r.packetsPerWindow).toBeGreaterThan(0);
    }
    for (const c of ['k8s', 'k3s', 'k0s']) {
      const [small, big] = result.rows.filter((r) => r.cluster === c);
      expect(big!.rttP50Ns).toBeGreaterThan(small!.rttP50Ns);
    }
    expect(result.runs.every((r) => r.matchedAtNs !== null)).toBe(true);
  });

  it('checks findings against the rows it produced', () => {
    const rtt = result.findings.find((f) => f.id === 'k8s-lowest-rtt')!;
    expect(rtt.kind).toBe('output');
    for (const p of rtt.perSize) {
      const rows = result.rows.filter((r) => r.size === p.size);
      const best = rows.reduce((a, b) => (b.rttP50Ns < a.rttP50Ns ? b : a));
      expect(p.best).toBe(best.cluster);
    }
    expect(rtt.holds).toBe(rtt.holdsAt === rtt.of);
    expect(result.findings.find((f) => f.id === 'k0s-least-resources')!.kind).toBe('input');
  });

  it('never lets the findings feed the runs: the same rows whatever the findings claim', () => {
    const flipped: RtpsScenario = { ...s, findings: s.findings.map((f) => ({ ...f, cluster: 'k3s', expect: f.expect === 'lowest' ? 'highest' : 'lowest' })) };
    expect(simulateRtps(flipped, opts).rows).toEqual(result.rows);
  });

  it('replays the same rows from the same seed', () => {
    expect(simulateRtps(s, opts).rows).toEqual(result.rows);
  });

  it('hands the pcap sink real RTPS messages that fit the pod MTU, per cluster', () => {
    expect(new Set(pcap.map((p) => p.cluster))).toEqual(new Set(['k8s', 'k3s', 'k0s']));
    const mtu: Record<string, number> = { k8s: 1480, k3s: 1450, k0s: 1500 };
    for (const { d, cluster } of pcap) {
      expect(decodeMessage(d.payload).ok).toBe(true);
      expect(d.payload.length).toBeLessThanOrEqual(mtu[cluster]! - 28);
    }
    for (let i = 1; i < pcap.length; i++) if (pcap[i]!.cluster === pcap[i - 1]!.cluster) expect(pcap[i]!.d.timeNs >= pcap[i - 1]!.d.timeNs).toBe(true);
  });

  it('with 64 KiB DDS datagrams (traffic.maxDatagram) IP fragments the samples: fewer, larger datagrams, as many frames', () => {
    const big: UdpDatagramInput[] = [];
    const r = simulateRtps(s, { seed: 3, sizes: [20000], durationNs: 30e6, clusters: ['k3s'], counterfactuals: false, maxDatagram: 65507, pcapSink: (d) => big.push(d) });
    const row = r.rows[0]!;
    expect(row.maxDatagram).toBe(65507);
    expect(row.timeouts).toBe(0);
    expect(Math.max(...big.map((d) => d.payload.length))).toBeGreaterThan(20000);
    // Each IP fragment is a frame: at least ceil((20 000 + headers) / 1 424) per direction.
    expect(row.framesPerRoundTrip).toBeGreaterThanOrEqual(2 * Math.ceil(20000 / 1424));
    expect(result.rows.find((x) => x.cluster === 'k3s')!.maxDatagram).toBe(1450 - 28);
  });

  it('runs counterfactuals as variants of their cluster and re-checks every finding with them', () => {
    const r = simulateRtps(s, { seed: 3, sizes: [5000], durationNs: 20e6, clusters: ['k8s'] });
    expect(r.counterfactuals.map((c) => [c.name, c.rows[0]!.plugin, c.rows[0]!.variant])).toEqual([
      ['k8s-flannel-vxlan', 'flannel-vxlan', 'k8s-flannel-vxlan'],
      ['k8s-no-encap', 'bridge', 'k8s-no-encap'],
      ['k8s-host-network', 'host', 'k8s-host-network'],
      ['k8s-light-agents', 'calico-ipip', 'k8s-light-agents'],
    ]);
    for (const c of r.counterfactuals) expect(c.findings).toHaveLength(s.findings.length);
  });
});
