import type { TraceSink } from '../engine/trace.js';
import { modelOf } from './model.js';
import { runDatapath, type RunOptions } from './run.js';
import type { Scenario } from '../scenario/types.js';

/** One row of `simulate`: the model's goodput next to the published one. */
export interface SimRow {
  readonly name: string;
  readonly plugin: string;
  readonly podMtu: number;
  readonly mss: number;
  /** Published goodput (bit/s), null when the source gives none. */
  readonly measured: number | null;
  readonly measuredText: string | null;
  readonly source: string | null;
  /** Simulated goodput (bit/s). */
  readonly simulated: number;
  /** 100 * (simulated - measured) / measured, null when unmeasured. */
  readonly errorPct: number | null;
  readonly retransmits: number;
  readonly events: number;
}

export interface SimulateOptions extends Omit<RunOptions, 'switches' | 'trace'> {
  /** The event log of each datapath's run goes to its own sink (runs restart at t = 0 with fresh packet ids). */
  readonly trace?: (datapath: string) => TraceSink | undefined;
  /** Called after each run: `done` of `total` datapaths simulated. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs every datapath of the scenario. The runs see only `modelOf(scenario)` — measurements are joined to the results
 * afterwards — so a simulated number can never be derived from the number it is compared with.
 */
export function simulate(scenario: Scenario, options: SimulateOptions): SimRow[] {
  const model = modelOf(scenario);
  const { trace, onProgress, ...run } = options;
  const runs = model.datapaths.map((d, i) => {
    const r = runDatapath(model, d, { ...run, trace: trace?.(d.name) });
    onProgress?.(i + 1, model.datapaths.length);
    return r;
  });
  return runs.map((r, i) => {
    const m = scenario.datapaths[i]!.measured;
    return {
      name: r.name,
      plugin: model.datapaths[i]!.plugin,
      podMtu: r.podMtu,
      mss: r.mss,
      measured: m?.bps ?? null,
      measuredText: m?.text ?? null,
      source: m?.source ?? null,
      simulated: r.goodputBps,
      errorPct: m === undefined ? null : (100 * (r.goodputBps - m.bps)) / m.bps,
      retransmits: r.retransmits,
      events: r.events,
    };
  });
}
