import { solve } from './linear.js';

export interface LmOptions {
  readonly maxIterations: number;
  /** Lower bounds of the parameters (costs cannot be negative). */
  readonly lower: readonly number[];
  /** Finite-difference step for parameter j at value x. */
  readonly step: (j: number, x: number) => number;
  /** Called after each iteration with the iterations done and the cost reached. */
  readonly onIteration?: (iterations: number, cost: number) => void;
}

export interface LmResult {
  readonly x: number[];
  readonly residuals: number[];
  readonly cost: number;
  readonly iterations: number;
  readonly evaluations: number;
}

const sumSq = (r: readonly number[]): number => r.reduce((s, v) => s + v * v, 0);

/**
 * Levenberg–Marquardt least squares: minimizes sum r_i(x)^2 with a forward-difference Jacobian and Marquardt's
 * diagonal scaling; steps are clamped to the lower bounds. `residuals` may be expensive (a simulation per call).
 */
export function levenbergMarquardt(residuals: (x: readonly number[]) => number[], x0: readonly number[], o: LmOptions): LmResult {
  let x = x0.map((v, j) => Math.max(v, o.lower[j]!));
  let r = residuals(x);
  let cost = sumSq(r);
  let evaluations = 1;
  let lambda = 1e-3;
  let it = 0;
  for (; it < o.maxIterations && cost > 0; it++) {
    const jac: number[][] = r.map(() => []);
    for (let j = 0; j < x.length; j++) {
      // A parameter may sit on a plateau (a CPU cost below the point where it becomes the bottleneck): widen the
      // probe until the residuals move, so the fit can leave the plateau.
      let h = o.step(j, x[j]!);
      const xh = [...x];
      let rh: number[] = r;
      for (let widen = 0; widen < 8; widen++, h *= 4) {
        xh[j] = x[j]! + h;
        rh = residuals(xh);
        evaluations++;
        if (rh.some((v, i) => Math.abs(v - r[i]!) > 1e-4)) break;
      }
      rh.forEach((v, i) => jac[i]!.push((v - r[i]!) / h));
    }
    const n = x.length;
    const jtj = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => jac.reduce((s, row) => s + row[a]! * row[b]!, 0)));
    const jtr = Array.from({ length: n }, (_, a) => jac.reduce((s, row, i) => s + row[a]! * r[i]!, 0));
    let improved = false;
    for (let tries = 0; tries < 8 && !improved; tries++) {
      const damped = jtj.map((row, a) => row.map((v, b) => (a === b ? v + lambda * Math.max(v, 1e-12) : v)));
      const delta = solve(damped, jtr.map((v) => -v));
      if (delta === null) break;
      const xn = x.map((v, j) => Math.max(o.lower[j]!, v + delta[j]!));
      const rn = residuals(xn);
      evaluations++;
      const cn = sumSq(rn);
      if (cn < cost) {
        const rel = (cost - cn) / cost;
        x = xn;
        r = rn;
        cost = cn;
        lambda = Math.max(lambda / 3, 1e-9);
        improved = true;
        if (rel < 1e-6) return { x, residuals: r, cost, iterations: it + 1, evaluations };
      } else lambda *= 4;
    }
    o.onIteration?.(it + 1, cost);
    if (!improved) break;
  }
  return { x, residuals: r, cost, iterations: it, evaluations };
}
