import type { FindingDecl, RtpsMetric, RtpsScenario } from '../scenario/rtps-types.js';
import type { RtpsRow } from './simulate.js';

/** The comparison behind a finding at one sample size. */
export interface FindingAtSize {
  readonly size: number;
  /** The metric of each cluster. */
  readonly values: Readonly<Record<string, number>>;
  /** The cluster the metric ranks first (lowest or highest), null on a tie or missing data. */
  readonly best: string | null;
}

/** A published finding checked against the model's output. */
export interface FindingCheck extends FindingDecl {
  /**
   * `output`: the model produced the compared numbers. `input`: the metric is an assumption of the scenario
   * (e.g. background load stands for the distributions' resource usage), so agreement is by construction.
   */
  readonly kind: 'output' | 'input';
  /** True when the finding holds at every size, null when nothing could be compared. */
  readonly holds: boolean | null;
  /** Sizes at which it holds, of the sizes compared. */
  readonly holdsAt: number;
  readonly of: number;
  readonly perSize: readonly FindingAtSize[];
  /** The numbers, in words. */
  readonly detail: string;
}

function metricOf(row: RtpsRow, metric: Exclude<RtpsMetric, 'background-load'>): number {
  return metric === 'rtt-p50' ? row.rttP50Ns : row.packetsPerWindow;
}

function bestOf(values: Record<string, number>, expect: 'lowest' | 'highest'): string | null {
  const entries = Object.entries(values);
  if (entries.length === 0 || entries.some(([, v]) => !Number.isFinite(v))) return null;
  const sign = expect === 'lowest' ? 1 : -1;
  entries.sort((a, b) => sign * (a[1] - b[1]));
  return entries.length > 1 && entries[0]![1] === entries[1]![1] ? null : entries[0]![0];
}

function fmt(metric: RtpsMetric, v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (metric === 'rtt-p50') return `${(v / 1e6).toFixed(3)} ms`;
  if (metric === 'packets-per-window') return `${v.toFixed(1)} pkts`;
  return v.toFixed(3);
}

/** Mean background load of a cluster's nodes (fraction of each core), from the scenario. */
function clusterLoad(s: RtpsScenario, cluster: string): number {
  const c = s.clusters.find((x) => x.name === cluster)!;
  const loads = s.nodes.map((n) => c.backgroundLoad[n.name] ?? n.backgroundLoad ?? 0);
  return loads.reduce((a, b) => a + b, 0) / loads.length;
}

function check(s: RtpsScenario, f: FindingDecl, rows: readonly RtpsRow[]): FindingCheck {
  const clusters = s.clusters.map((c) => c.name);
  if (f.metric === 'background-load') {
    const values = Object.fromEntries(clusters.map((c) => [c, clusterLoad(s, c)]));
    const best = bestOf(values, f.expect);
    const holds = best === f.cluster;
    return {
      ...f,
      kind: 'input',
      holds,
      holdsAt: holds ? 1 : 0,
      of: 1,
      perSize: [],
      detail: `an assumption, not a model output: mean node background load ${clusters.map((c) => `${c} ${fmt(f.metric, values[c]!)}`).join(', ')}`,
    };
  }
  const metric = f.metric;
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
  const perSize = sizes.map((size): FindingAtSize => {
    const values: Record<string, number> = {};
    for (const c of clusters) {
      const r = rows.find((x) => x.cluster === c && x.size === size);
      values[c] = r === undefined ? NaN : metricOf(r, metric);
    }
    return { size, values, best: bestOf(values, f.expect) };
  });
  const compared = perSize.filter((p) => p.best !== null);
  const holdsAt = compared.filter((p) => p.best === f.cluster).length;
  const avg = (c: string): number => {
    const v = perSize.map((p) => p.values[c]!).filter(Number.isFinite);
    return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
  };
  const ranking = [...clusters].sort((a, b) => (f.expect === 'lowest' ? avg(a) - avg(b) : avg(b) - avg(a)));
  const winners = [...new Set(compared.map((p) => p.best!))].map((c) => `${c} at ${compared.filter((p) => p.best === c).length}`);
  return {
    ...f,
    kind: 'output',
    holds: compared.length === 0 ? null : holdsAt === compared.length,
    holdsAt,
    of: compared.length,
    perSize,
    detail:
      `${f.cluster} is ${f.expect} at ${holdsAt}/${compared.length} sizes (${f.expect}: ${winners.join(', ') || 'none'}); ` +
      `mean over sizes, ${f.expect} first: ${ranking.map((c) => `${c} ${fmt(metric, avg(c))}`).join(', ')}`,
  };
}

/** Checks every finding of the scenario against the rows (one per cluster and size). */
export function checkFindings(s: RtpsScenario, rows: readonly RtpsRow[]): FindingCheck[] {
  return s.findings.map((f) => check(s, f, rows));
}
