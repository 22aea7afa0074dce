import type { ExplainResult, Explanation, FitResult, SimRow, SweepResult } from '../../netem/index.js';
import type { Row } from '../cli/table.js';
import { formatAxisValue, formatBps, formatMbps, formatPct } from './units.js';

/** A table twice: formatted for people (text) and raw numbers for CSV. */
export interface Table {
  readonly columns: readonly string[];
  readonly text: readonly Row[];
  readonly csvColumns: readonly string[];
  readonly csv: readonly Row[];
}

const mbps = (bps: number): number => Math.round(bps / 1e3) / 1e3;

/** simulate: measured next to simulated, with the error of each row. */
export function simulateTable(rows: readonly SimRow[]): Table {
  return {
    columns: ['datapath', 'plugin', 'pod MTU', 'MSS', 'measured', 'simulated', 'error'],
    text: rows.map((r) => ({
      datapath: r.name,
      plugin: r.plugin,
      'pod MTU': r.podMtu,
      MSS: r.mss,
      measured: r.measuredText ?? '(unmeasured)',
      simulated: formatBps(r.simulated),
      error: r.errorPct === null ? '' : formatPct(r.errorPct),
    })),
    csvColumns: ['datapath', 'plugin', 'pod_mtu', 'mss', 'measured_mbps', 'simulated_mbps', 'error_pct', 'retransmits'],
    csv: rows.map((r) => ({
      datapath: r.name,
      plugin: r.plugin,
      pod_mtu: r.podMtu,
      mss: r.mss,
      measured_mbps: r.measured === null ? undefined : mbps(r.measured),
      simulated_mbps: mbps(r.simulated),
      error_pct: r.errorPct === null ? undefined : Number(r.errorPct.toFixed(4)),
      retransmits: r.retransmits,
    })),
  };
}

const CAUSE_COLUMNS = ['encap', 'mtu', 'cpu', 'queue', 'protocol', 'residual'] as const;

const share = (e: Explanation, cause: string): number => e.causes.find((c) => c.cause === cause)?.bps ?? 0;

/**
 * explain: per datapath, the goodput it loses against the baseline and what each cause costs, in Mbit/s (negative:
 * the cause gains goodput). The causes add up to the loss.
 */
export function explainTable(r: ExplainResult): Table {
  const rows = r.rows.filter((e) => e.name !== r.baseline);
  return {
    columns: ['datapath', 'simulated', `lost vs ${r.baseline}`, ...CAUSE_COLUMNS, 'implied MTU'],
    text: rows.map((e) => ({
      datapath: e.name,
      simulated: formatBps(e.simulatedBps),
      [`lost vs ${r.baseline}`]: formatMbps(e.gapBps),
      ...Object.fromEntries(CAUSE_COLUMNS.map((c) => [c, formatMbps(share(e, c))])),
      'implied MTU': e.impliedMtu === null ? '' : Number.isFinite(e.impliedMtu) ? `${Math.ceil(e.impliedMtu)} B` : 'none',
    })),
    csvColumns: ['datapath', 'baseline_mbps', 'simulated_mbps', 'gap_mbps', ...CAUSE_COLUMNS.map((c) => `${c}_mbps`), 'measured_mbps', 'analytic_mbps', 'implied_mtu'],
    csv: rows.map((e) => ({
      datapath: e.name,
      baseline_mbps: mbps(e.baselineBps),
      simulated_mbps: mbps(e.simulatedBps),
      gap_mbps: mbps(e.gapBps),
      ...Object.fromEntries(CAUSE_COLUMNS.map((c) => [`${c}_mbps`, mbps(share(e, c))])),
      measured_mbps: e.measuredBps === null ? undefined : mbps(e.measuredBps),
      analytic_mbps: mbps(e.analyticBps),
      implied_mtu: e.impliedMtu === null || !Number.isFinite(e.impliedMtu) ? undefined : Math.ceil(e.impliedMtu),
    })),
  };
}

/** What the measured goodput says about the MTU, in words (the 9.88 Gbit/s of cni-10g needs jumbo frames). */
export function impliedMtuSentence(r: ExplainResult, e: Explanation): string | undefined {
  if (e.measuredBps === null || e.impliedMtu === null) return undefined;
  const measured = `measured ${formatBps(e.measuredBps)}`;
  if (!Number.isFinite(e.impliedMtu)) return `${measured} reaches the ${formatBps(r.bottleneckBps)} link rate: no MTU explains it`;
  const needs = `${measured} on a ${formatBps(r.bottleneckBps)} bottleneck implies an MTU of at least ${Math.ceil(e.impliedMtu)} B`;
  const ceiling = `at pod MTU ${e.podMtu} a wire-limited flow reaches ${formatBps(e.analyticBps)}`;
  return e.impliedMtu > e.podMtu
    ? `${needs}, more than the pod MTU of ${e.podMtu} allows (${ceiling}): the measurement needs larger frames than modelled`
    : `${needs} if the wire were the only limit (${ceiling}, so the rest is lost elsewhere)`;
}

/**
 * A compact text waterfall per datapath: its loss against the baseline, one bar per cause. Datapaths as fast as the
 * baseline get one line. Every row with a published value also says what MTU that value implies.
 */
export function textWaterfall(r: ExplainResult, width = 30): string {
  const out: string[] = [];
  for (const e of r.rows) {
    const mtu = impliedMtuSentence(r, e);
    const quiet = e.causes.every((c) => Math.abs(c.bps) < 5e4) && Math.abs(e.gapBps) < 5e4;
    if (e.name === r.baseline || quiet) {
      out.push(`${e.name} (${e.plugin}, pod MTU ${e.podMtu}): ${formatBps(e.simulatedBps)}${e.name === r.baseline ? ', the baseline' : `, as fast as ${r.baseline}`}`);
      if (mtu !== undefined) out.push(`  ${mtu}`);
      continue;
    }
    out.push(`${e.name} (${e.plugin}, pod MTU ${e.podMtu}): ${formatBps(e.simulatedBps)}, ${formatMbps(e.gapBps)} below ${r.baseline} (${formatBps(e.baselineBps)})`);
    const biggest = Math.max(1, ...e.causes.map((c) => Math.abs(c.bps)));
    for (const c of e.causes) {
      const n = Math.round((Math.abs(c.bps) / biggest) * width);
      const bar = (c.bps >= 0 ? '█' : '░').repeat(n).padEnd(width);
      out.push(`  ${c.cause.padEnd(9)} ${bar} ${formatMbps(c.bps).padStart(14)} ${c.bps <= -5e4 ? 'gained' : 'lost  '}  ${c.label}`);
    }
    if (mtu !== undefined) out.push(`  ${mtu}`);
  }
  return out.join('\n') + '\n';
}

/** sweep: one row per value, one column per datapath. */
export function sweepTable(r: SweepResult): Table {
  const names = r.series.map((s) => s.name);
  const xs = r.series[0]?.points.map((p) => p.x) ?? [];
  return {
    columns: [r.axis, ...names],
    text: xs.map((x, i) => ({ [r.axis]: formatAxisValue(r.axis, x), ...Object.fromEntries(r.series.map((s) => [s.name, formatBps(s.points[i]!.bps)])) })),
    csvColumns: [r.axis, ...names.map((n) => `${n}_mbps`)],
    csv: xs.map((x, i) => ({ [r.axis]: x, ...Object.fromEntries(r.series.map((s) => [`${s.name}_mbps`, mbps(s.points[i]!.bps)])) })),
  };
}

/** fit: the calibrated parameters, from → to. */
export function fitParameterTable(f: FitResult): Table {
  const names = Object.keys(f.parameters) as (keyof FitResult['parameters'])[];
  return {
    columns: ['parameter', 'initial', 'fitted'],
    text: names.map((n) => ({ parameter: n, initial: f.initial[n], fitted: f.parameters[n] })),
    csvColumns: ['parameter', 'initial', 'fitted'],
    csv: names.map((n) => ({ parameter: n, initial: f.initial[n], fitted: f.parameters[n] })),
  };
}

/** fit: each measured row with the fitted parameters. */
export function fitResidualTable(f: FitResult): Table {
  return {
    columns: ['datapath', 'measured', 'fitted model', 'residual'],
    text: f.rows.map((r) => ({ datapath: r.name, measured: formatBps(r.measured), 'fitted model': formatBps(r.simulated), residual: formatPct(r.residualPct) })),
    csvColumns: ['datapath', 'measured_mbps', 'simulated_mbps', 'residual_pct'],
    csv: f.rows.map((r) => ({ datapath: r.name, measured_mbps: mbps(r.measured), simulated_mbps: mbps(r.simulated), residual_pct: Number(r.residualPct.toFixed(4)) })),
  };
}
