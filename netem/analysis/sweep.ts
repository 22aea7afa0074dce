import type { TraceSink } from '../engine/trace.js';
import type { Scenario } from '../scenario/types.js';
import { modelOf } from './model.js';
import { runDatapath, type RunOptions } from './run.js';

/** What a sweep varies: bottleneck bandwidth (bit/s), NIC MTU (B), TCP segment size (B, like iperf3 -M), link loss. */
export type SweepAxis = 'bandwidth' | 'mtu' | 'size' | 'loss';

export interface SweepSeries {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly bps: number }[];
}

export interface SweepResult {
  readonly axis: SweepAxis;
  readonly series: readonly SweepSeries[];
}

export interface SweepOptions {
  readonly seed: number;
  /** The event log of the run of `datapath` at `x`, if wanted. */
  readonly trace?: (datapath: string, x: number) => TraceSink | undefined;
  /** Called after each run: `done` of `total` (datapaths x values). */
  readonly onProgress?: (done: number, total: number) => void;
}

function optionsAt(s: Scenario, axis: SweepAxis, x: number, seed: number): RunOptions {
  switch (axis) {
    case 'bandwidth':
      return { seed, bandwidthScale: x / Math.min(...s.links.map((l) => l.bandwidthBps)) };
    case 'mtu':
      return { seed, overrides: { 'mtu.nic': x } };
    case 'size':
      return { seed, mss: x };
    case 'loss':
      return { seed, extraLoss: x };
  }
}

/** What-if curves: simulated goodput of every datapath at each value of `axis`. */
export function sweep(scenario: Scenario, axis: SweepAxis, values: readonly number[], options: SweepOptions): SweepResult {
  const model = modelOf(scenario);
  const total = model.datapaths.length * values.length;
  let done = 0;
  return {
    axis,
    series: model.datapaths.map((d) => ({
      name: d.name,
      points: values.map((x) => {
        const bps = runDatapath(model, d, { ...optionsAt(scenario, axis, x, options.seed), trace: options.trace?.(d.name, x) }).goodputBps;
        options.onProgress?.(++done, total);
        return { x, bps };
      }),
    })),
  };
}
