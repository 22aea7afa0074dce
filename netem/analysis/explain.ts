import { chainFor, encapBytes } from '../datapath/chains.js';
import { resolveParams } from '../datapath/defaults.js';
import type { Scenario } from '../scenario/types.js';
import { mtuForGoodput, wireLimitedGoodput } from './analytic.js';
import { ALL_ON, modelOf, type ModelSwitches } from './model.js';
import { runDatapath } from './run.js';

export type Cause = keyof ModelSwitches;

export const CAUSES: Readonly<Record<Cause, string>> = {
  encap: 'header/encapsulation bytes',
  mtu: 'pod MTU and packet count (MTU below what the tunnel needs)',
  cpu: 'per-hop CPU',
  queue: 'queueing (queue limits, jitter)',
  protocol: 'protocol round trips (TCP handshake)',
};

export interface CauseShare {
  readonly cause: Cause | 'residual';
  readonly label: string;
  /** Goodput (bit/s) this cause costs: goodput with the cause off minus goodput with everything on. */
  readonly bps: number;
}

export interface Explanation {
  readonly name: string;
  readonly plugin: string;
  readonly podMtu: number;
  readonly baselineBps: number;
  readonly simulatedBps: number;
  /** baseline - simulated; the causes plus the residual add up to it exactly. */
  readonly gapBps: number;
  readonly causes: readonly CauseShare[];
  /** Wire-limited goodput at this pod MTU and tunnel overhead, computed analytically. */
  readonly analyticBps: number;
  /** Measured goodput, when published, and the MTU a purely wire-limited flow would need to reach it. */
  readonly measuredBps: number | null;
  readonly impliedMtu: number | null;
}

export interface ExplainResult {
  readonly baseline: string;
  readonly bottleneckBps: number;
  readonly rows: readonly Explanation[];
}

/**
 * For each datapath, its goodput gap to the baseline split into causes by counterfactual runs: each cause is turned
 * off alone and the goodput it gives back is its share. Shares of interacting causes need not add up (a bottleneck
 * moves), so what is left over is reported as a `residual` row rather than spread around. Note the split for a tunnel:
 * `encap` is its bytes on the wire, `mtu` only the part of the pod MTU cut the tunnel does not need (Weave's 1376 vs
 * the 1450 VXLAN allows); the MSS the tunnel itself costs shows up when both are off, i.e. in the residual.
 */
export interface ExplainOptions {
  readonly seed: number;
  /** Called after each simulation run: `done` of `total` runs (baseline, each datapath, each counterfactual). */
  readonly onProgress?: (done: number, total: number) => void;
}

export function explain(scenario: Scenario, options: ExplainOptions): ExplainResult {
  const model = modelOf(scenario);
  const causeNames = Object.keys(CAUSES) as Cause[];
  const total = 1 + model.datapaths.length + (model.datapaths.length - 1) * causeNames.length;
  let done = 0;
  const run = (...args: Parameters<typeof runDatapath>): ReturnType<typeof runDatapath> => {
    const r = runDatapath(...args);
    options.onProgress?.(++done, total);
    return r;
  };
  const params = resolveParams(scenario.parameters);
  const bottleneck = Math.min(...scenario.links.map((l) => l.bandwidthBps));
  const base = model.datapaths.find((d) => d.name === model.baseline)!;
  const seed = { seed: options.seed };
  const baselineBps = run(model, base, seed).goodputBps;
  const rows = model.datapaths.map((d, i): Explanation => {
    const on = run(model, d, seed);
    const causes: CauseShare[] = [];
    if (d !== base)
      for (const c of causeNames) {
        const off = run(model, d, { ...seed, switches: { ...ALL_ON, [c]: false } });
        causes.push({ cause: c, label: CAUSES[c], bps: off.goodputBps - on.goodputBps });
      }
    const gap = baselineBps - on.goodputBps;
    const explained = causes.reduce((s, c) => s + c.bps, 0);
    causes.push({ cause: 'residual', label: 'residual (interactions, not attributed)', bps: gap - explained });
    const encap = d.scope === 'pod' ? encapBytes(chainFor(d.plugin, d.scope, params)) : 0;
    const measured = scenario.datapaths[i]!.measured?.bps ?? null;
    return {
      name: d.name,
      plugin: d.plugin,
      podMtu: on.podMtu,
      baselineBps,
      simulatedBps: on.goodputBps,
      gapBps: gap,
      causes,
      analyticBps: wireLimitedGoodput(params, bottleneck, on.podMtu, encap),
      measuredBps: measured,
      impliedMtu: measured === null ? null : mtuForGoodput(params, bottleneck, measured, encap),
    };
  });
  return { baseline: model.baseline, bottleneckBps: bottleneck, rows };
}
