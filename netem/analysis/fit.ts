import { chainFor } from '../datapath/chains.js';
import { DEFAULTS, resolveParams, type ParamName } from '../datapath/defaults.js';
import type { Scenario } from '../scenario/types.js';
import { levenbergMarquardt } from './levenberg-marquardt.js';
import { modelOf, type DatapathModel } from './model.js';
import { runDatapath } from './run.js';

export interface FitRow {
  readonly name: string;
  readonly measured: number;
  readonly simulated: number;
  /** 100 * (simulated - measured) / measured with the fitted parameters. */
  readonly residualPct: number;
}

export interface FitResult {
  /** Calibrated values, ready to be stored under the scenario's `parameters:`. */
  readonly parameters: Readonly<Partial<Record<ParamName, number>>>;
  /** Values the fit started from (scenario or defaults table). */
  readonly initial: Readonly<Partial<Record<ParamName, number>>>;
  readonly rows: readonly FitRow[];
  readonly fittedParameters: number;
  readonly measurements: number;
  readonly rmsPct: number;
  readonly maxAbsPct: number;
  readonly iterations: number;
  /** Simulation runs the fit needed. */
  readonly evaluations: number;
}

/** Where a fit is: the coarse start (a 1-D search per parameter), then Levenberg–Marquardt iterations. */
export interface FitProgress {
  readonly phase: 'coarse' | 'lm';
  /** Parameters placed by the coarse start so far, or LM iterations done. */
  readonly done: number;
  /** Parameters to place, or the iteration limit. */
  readonly total: number;
  /** Distinct simulation runs so far. */
  readonly evaluations: number;
}

export interface FitOptions {
  readonly seed: number;
  readonly maxIterations?: number;
  readonly onProgress?: (p: FitProgress) => void;
}

/** Whether `param` can change the simulated goodput of row `d` (CPU costs only matter to rows crossing that hop). */
function dependsOn(s: Scenario, d: DatapathModel, param: ParamName): boolean {
  const m = /^cpu\.([A-Za-z]+)\./.exec(param);
  if (m === null) return true;
  const p = resolveParams(s.parameters);
  const kinds = [...chainFor(d.plugin, d.scope, p).tx, ...chainFor(d.toPlugin, d.scope, p).rx].map((h) => h.kind as string);
  return kinds.includes(m[1]!);
}

/** Typical magnitude of a parameter, for the coarse start and finite-difference steps. */
function scaleOf(name: ParamName): number {
  return name.endsWith('perPacketNs') ? 1000 : name.endsWith('perByteNs') ? 1 : Math.max(1, Math.abs(DEFAULTS[name].value));
}

/**
 * Goodput is flat in a CPU cost until that hop becomes the bottleneck (a min() kink), where Gauss-Newton sees a zero
 * gradient. So each parameter is first moved, one at a time, to where the summed relative error changes sign (it is
 * monotone in a cost: more cost, less goodput): a sqrt(2) grid brackets the root, bisection narrows it, LM polishes.
 */
function coarseStart(residuals: (x: readonly number[]) => number[], x0: readonly number[], names: readonly ParamName[], placed: (j: number) => void): number[] {
  const x = [...x0];
  const total = (v: readonly number[]): number => residuals(v).reduce((s, r) => s + r, 0);
  names.forEach((n, j) => {
    coarseOne(n, j);
    placed(j + 1);
  });
  return x;

  function coarseOne(n: ParamName, j: number): void {
    const at = (v: number): number => {
      const c = [...x];
      c[j] = v;
      return total(c);
    };
    let lo = x[j]!;
    if (at(lo) <= 0) return;
    for (let i = 0; i <= 16; i++) {
      const hi = x0[j]! + 0.25 * Math.SQRT2 ** i * scaleOf(n);
      if (at(hi) > 0) {
        lo = hi;
        continue;
      }
      let a = lo;
      let b = hi;
      for (let k = 0; k < 10; k++) {
        const m = (a + b) / 2;
        if (at(m) > 0) a = m;
        else b = m;
      }
      x[j] = (a + b) / 2;
      return;
    }
  }
}

/**
 * Calibrates the scenario's `fit.parameters` (per-hop CPU costs) by Levenberg–Marquardt on relative goodput errors
 * of the measured rows. Each residual evaluation is a full simulation of the rows the parameters affect.
 */
export function fit(scenario: Scenario, options: FitOptions): FitResult {
  const names = scenario.fitParameters;
  const model = modelOf(scenario);
  const rows = scenario.datapaths.flatMap((d, i) => (d.measured === undefined ? [] : [{ decl: model.datapaths[i]!, measured: d.measured.bps }]));
  const start = resolveParams(scenario.parameters);
  const x0 = names.map((n) => start[n]);
  const cache = new Map<string, number>();
  const goodput = (d: DatapathModel, x: readonly number[]): number => {
    const relevant = names.map((n, j) => (dependsOn(scenario, d, n) ? x[j]! : 'x'));
    const key = `${d.name}:${relevant.join(',')}`;
    let g = cache.get(key);
    if (g === undefined) {
      const overrides: Partial<Record<ParamName, number>> = {};
      names.forEach((n, j) => (overrides[n] = x[j]!));
      g = runDatapath(model, d, { seed: options.seed, overrides }).goodputBps;
      cache.set(key, g);
    }
    return g;
  };
  const residuals = (x: readonly number[]): number[] => rows.map((r) => (goodput(r.decl, x) - r.measured) / r.measured);
  const maxIterations = options.maxIterations ?? 8;
  const report = (phase: FitProgress['phase'], done: number, total: number): void =>
    options.onProgress?.({ phase, done, total, evaluations: cache.size });
  const start0 = coarseStart(residuals, x0, names, (j) => report('coarse', j, names.length));
  const lm = levenbergMarquardt(residuals, start0, {
    maxIterations,
    onIteration: (it) => report('lm', it, maxIterations),
    lower: names.map(() => 0),
    step: (j, v) => Math.max(0.01 * Math.abs(v), 0.001 * scaleOf(names[j]!)),
  });
  const parameters: Partial<Record<ParamName, number>> = {};
  const initial: Partial<Record<ParamName, number>> = {};
  names.forEach((n, j) => {
    parameters[n] = Number(lm.x[j]!.toPrecision(6));
    initial[n] = scenario.parameters[n] ?? DEFAULTS[n].value;
  });
  const fitted = rows.map((r, i) => ({ name: r.decl.name, measured: r.measured, simulated: goodput(r.decl, lm.x), residualPct: 100 * lm.residuals[i]! }));
  const pct = fitted.map((f) => f.residualPct);
  return {
    parameters,
    initial,
    rows: fitted,
    fittedParameters: names.length,
    measurements: rows.length,
    rmsPct: Math.sqrt(pct.reduce((s, v) => s + v * v, 0) / Math.max(1, pct.length)),
    maxAbsPct: Math.max(0, ...pct.map(Math.abs)),
    iterations: lm.iterations,
    evaluations: cache.size,
  };
}
