import type { TopLevelSpec } from 'vega-lite';
import type { ExplainResult, SimRow, SweepResult } from '../../netem/index.js';
import { renderSvg } from './svg.js';

/**
 * The report's charts as Vega-Lite specs rendered to SVG. Measured values are drawn as their own layer named
 * `measured` (the SVG group's class is `role-mark measured_marks`) and each marker's aria-label starts with
 * "measured", so a reader (or a test) finds them in the file.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const BASE = { $schema: SCHEMA, background: 'white', config: { font: 'sans-serif' } } as const;

/** Goodput per datapath: simulated bars, published values as black ticks. */
export function goodputChart(title: string, rows: readonly SimRow[]): Promise<string> {
  const values = rows.map((r) => ({
    datapath: r.name,
    simulated: r.simulated / 1e6,
    measured: r.measured === null ? null : r.measured / 1e6,
    error: r.errorPct === null ? 'unmeasured' : `${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(2)} %`,
  }));
  const x = { field: 'datapath', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0 } } as const;
  const spec: TopLevelSpec = {
    ...BASE,
    title: { text: title, subtitle: 'bars: simulated goodput; black ticks: published (measured) goodput' },
    width: Math.max(240, 80 * rows.length),
    height: 260,
    data: { values },
    layer: [
      {
        name: 'simulated',
        transform: [{ calculate: '"simulated " + datum.datapath + ": " + format(datum.simulated, ".1f") + " Mbit/s"', as: 'label' }],
        mark: { type: 'bar', color: '#9ecae9' },
        encoding: {
          x,
          y: { field: 'simulated', type: 'quantitative', title: 'goodput (Mbit/s)' },
          description: { field: 'label' },
        },
      },
      {
        name: 'measured',
        transform: [
          { filter: 'datum.measured != null' },
          { calculate: '"measured " + datum.datapath + ": " + format(datum.measured, ".1f") + " Mbit/s (simulated error " + datum.error + ")"', as: 'label' },
        ],
        mark: { type: 'tick', color: 'black', thickness: 4, size: 60 },
        encoding: {
          x,
          y: { field: 'measured', type: 'quantitative' },
          description: { field: 'label' },
        },
      },
    ],
  } as TopLevelSpec;
  return renderSvg(spec);
}

/** One waterfall step: a bar from `from` to `to` (Mbit/s). */
interface Step {
  readonly datapath: string;
  readonly order: number;
  readonly step: string;
  readonly from: number;
  readonly to: number;
  readonly kind: 'total' | 'cost' | 'gain';
  /** The datapath's published goodput (Mbit/s), on every step so the faceted rule layer can read it. */
  readonly measured: number | null;
}

/**
 * The steps from the baseline's goodput down (or up) to each datapath's, one per cause. The causes are small next
 * to the totals (40 of 940 Mbit/s), so the total bars start at a floor just below the smallest level drawn, not at 0.
 */
export function waterfallSteps(e: ExplainResult): Step[] {
  const steps: Step[] = [];
  for (const row of e.rows) {
    if (row.name === e.baseline) continue;
    const measured = row.measuredBps === null ? null : row.measuredBps / 1e6;
    const levels = [row.baselineBps / 1e6];
    for (const c of row.causes) levels.push(levels[levels.length - 1]! - c.bps / 1e6);
    const shown = [...levels, row.simulatedBps / 1e6, ...(measured === null ? [] : [measured])];
    const lo = Math.min(...shown);
    const floor = Math.max(0, lo - Math.max(0.25 * (Math.max(...shown) - lo), 0.005 * lo));
    let order = 0;
    steps.push({ datapath: row.name, order: order++, step: `baseline (${e.baseline})`, from: floor, to: levels[0]!, kind: 'total', measured });
    row.causes.forEach((c, i) =>
      steps.push({ datapath: row.name, order: order++, step: c.cause, from: levels[i]!, to: levels[i + 1]!, kind: c.bps >= 0 ? 'cost' : 'gain', measured }),
    );
    steps.push({ datapath: row.name, order: order++, step: 'simulated', from: floor, to: row.simulatedBps / 1e6, kind: 'total', measured });
  }
  return steps;
}

/** Per datapath, a horizontal waterfall: baseline, each cause's cost, simulated; the published value as a rule. */
export function waterfallChart(title: string, e: ExplainResult): Promise<string> {
  const spec = {
    ...BASE,
    title: { text: title, subtitle: `gap to ${e.baseline} split into causes (Mbit/s, axis not from 0); red: cost, green: gain, black rule: published value` },
    data: { values: waterfallSteps(e) },
    facet: { row: { field: 'datapath', type: 'nominal', title: null, sort: e.rows.map((r) => r.name) } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 520,
      height: 150,
      layer: [
        {
          name: 'steps',
          transform: [{ calculate: 'datum.step + ": " + format(datum.from, ".2f") + " -> " + format(datum.to, ".2f") + " Mbit/s"', as: 'label' }],
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'step', type: 'nominal', sort: { field: 'order' }, title: null },
            x: { field: 'from', type: 'quantitative', title: 'goodput (Mbit/s)', scale: { zero: false } },
            x2: { field: 'to' },
            color: {
              field: 'kind',
              type: 'nominal',
              scale: { domain: ['total', 'cost', 'gain'], range: ['#4c78a8', '#e45756', '#54a24b'] },
              legend: null,
            },
            description: { field: 'label' },
          },
        },
        {
          name: 'measured',
          // One rule per facet: the first step of each datapath carries its published value.
          transform: [
            { filter: 'datum.order == 0 && datum.measured != null' },
            { calculate: '"measured " + datum.datapath + ": " + format(datum.measured, ".1f") + " Mbit/s"', as: 'label' },
          ],
          mark: { type: 'rule', color: 'black', strokeWidth: 2 },
          encoding: {
            x: { field: 'measured', type: 'quantitative' },
            description: { field: 'label' },
          },
        },
      ],
    },
  };
  return renderSvg(spec as unknown as TopLevelSpec);
}

/** What-if curves: goodput of each datapath against the swept value. */
export function sweepChart(title: string, r: SweepResult, measured: readonly { datapath: string; bps: number; x: number }[] = []): Promise<string> {
  const axisTitle: Record<string, string> = {
    bandwidth: 'bottleneck bandwidth (Mbit/s)',
    mtu: 'NIC MTU (bytes)',
    size: 'TCP segment size (bytes)',
    loss: 'added loss per link (%)',
  };
  const scaleX = (x: number): number => (r.axis === 'bandwidth' ? x / 1e6 : r.axis === 'loss' ? x * 100 : x);
  const values = r.series.flatMap((s) => s.points.map((p) => ({ datapath: s.name, x: scaleX(p.x), goodput: p.bps / 1e6 })));
  const logX = r.axis === 'bandwidth' && values.length > 0 && Math.max(...values.map((v) => v.x)) / Math.min(...values.map((v) => v.x)) >= 20;
  const spec = {
    ...BASE,
    title: { text: title, subtitle: measured.length > 0 ? 'lines: simulated; crosses: published values at the scenario setting' : 'simulated goodput' },
    width: 520,
    height: 300,
    layer: [
      {
        name: 'simulated',
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axisTitle[r.axis], scale: logX ? { type: 'log' } : { zero: false } },
          // A bandwidth sweep spans decades on both axes.
          y: { field: 'goodput', type: 'quantitative', title: 'goodput (Mbit/s)', ...(logX ? { scale: { type: 'log' } } : {}) },
          color: { field: 'datapath', type: 'nominal' },
        },
      },
      ...(measured.length === 0
        ? []
        : [
            {
              name: 'measured',
              data: { values: measured.map((m) => ({ datapath: m.datapath, x: scaleX(m.x), goodput: m.bps / 1e6 })) },
              transform: [{ calculate: '"measured " + datum.datapath + ": " + format(datum.goodput, ".1f") + " Mbit/s"', as: 'label' }],
              mark: { type: 'point', shape: 'cross', size: 120, filled: true },
              encoding: {
                x: { field: 'x', type: 'quantitative' },
                y: { field: 'goodput', type: 'quantitative' },
                color: { field: 'datapath', type: 'nominal' },
                description: { field: 'label' },
              },
            },
          ]),
    ],
  };
  return renderSvg(spec as unknown as TopLevelSpec);
}
