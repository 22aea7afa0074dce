import type { TopLevelSpec } from 'vega-lite';
import type { FindingCheck, RtpsRow } from '../../netem/rtps/index.js';
import { renderSvg } from './svg.js';

const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white', config: { font: 'sans-serif' } } as const;

/**
 * A metric of the RTPS ping-pong per cluster against the sample size. The seed publishes figures, not numbers, so
 * its findings on this metric are the "measured" layer: a text mark per finding (layer `measured`, aria-label
 * "measured ...") placed at the cluster's curve end.
 */
function perSizeChart(title: string, rows: readonly RtpsRow[], findings: readonly FindingCheck[], field: 'rtt' | 'packets', yTitle: string): Promise<string> {
  const own = rows.filter((r) => r.variant === null);
  const values = own.map((r) => ({ cluster: r.cluster, size: r.size, rtt: r.rttP50Ns / 1000, packets: r.packetsPerWindow }));
  const metric = field === 'rtt' ? 'rtt-p50' : 'packets-per-window';
  const last = Math.max(...own.map((r) => r.size));
  const marks = findings
    .filter((f) => f.metric === metric)
    .map((f) => {
      const at = values.find((v) => v.cluster === f.cluster && v.size === last);
      return { cluster: f.cluster, size: last, y: at === undefined ? 0 : at[field], label: `measured (published): ${f.cluster} ${f.expect}`, aria: `measured finding ${f.id}: ${f.claim}` };
    });
  const spec = {
    ...BASE,
    title: { text: title, subtitle: 'lines: simulated (p50 per sample size); text: the published finding on this metric' },
    width: 520,
    height: 300,
    layer: [
      {
        name: 'simulated',
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'size', type: 'quantitative', title: 'sample size (bytes)' },
          y: { field, type: 'quantitative', title: yTitle },
          color: { field: 'cluster', type: 'nominal' },
        },
      },
      ...(marks.length === 0
        ? []
        : [
            {
              name: 'measured',
              data: { values: marks },
              mark: { type: 'text', align: 'right', dx: -6, dy: -10, fontWeight: 'bold' },
              encoding: {
                x: { field: 'size', type: 'quantitative' },
                y: { field: 'y', type: 'quantitative' },
                text: { field: 'label' },
                description: { field: 'aria' },
              },
            },
          ]),
    ],
  };
  return renderSvg(spec as unknown as TopLevelSpec);
}

export function rttChart(title: string, rows: readonly RtpsRow[], findings: readonly FindingCheck[]): Promise<string> {
  return perSizeChart(title, rows, findings, 'rtt', 'round-trip time p50 (µs)');
}

export function packetsChart(title: string, rows: readonly RtpsRow[], findings: readonly FindingCheck[]): Promise<string> {
  const w = rows[0] === undefined ? 50 : rows[0].windowNs / 1e6;
  return perSizeChart(title, rows, findings, 'packets', `packets per ${w} ms on the ping node's NIC`);
}
