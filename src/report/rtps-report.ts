import { join } from 'node:path';
import type { PcapSink } from '../../netem/pcap-sink.js';
import { simulateRtps, type RtpsResult, type RtpsScenario } from '../../netem/rtps/index.js';
import type { TraceSink } from '../../netem/index.js';
import { toJson } from './json.js';
import { renderTable, writeReportFile } from './output.js';
import { progressBar } from './progress.js';
import { packetsChart, rttChart } from './rtps-charts.js';
import { counterfactualLines, findingsTable, rtpsRowsTable } from './rtps-tables.js';

export interface RtpsRunOptions {
  readonly seed: number;
  readonly sizes?: readonly number[];
  readonly durationNs?: number;
  readonly clusters?: readonly string[];
  readonly counterfactuals: boolean;
  readonly trace?: TraceSink;
  readonly pcap?: PcapSink;
}

/** Runs an RTPS scenario with a progress bar (runs x sizes). */
export function runRtps(s: RtpsScenario, o: RtpsRunOptions): RtpsResult {
  const clusters = o.clusters ?? s.clusters.map((c) => c.name);
  const variants = o.counterfactuals ? s.counterfactuals.filter((c) => clusters.includes(c.cluster)).length : 0;
  const sizes = (o.sizes ?? s.traffic.sizes).length;
  const total = (clusters.length + variants) * sizes;
  let done = 0;
  const progress = progressBar(`simulate ${s.name}`);
  const r = simulateRtps(s, {
    seed: o.seed,
    counterfactuals: o.counterfactuals,
    ...(o.sizes === undefined ? {} : { sizes: o.sizes }),
    ...(o.durationNs === undefined ? {} : { durationNs: o.durationNs }),
    ...(o.clusters === undefined ? {} : { clusters: o.clusters }),
    ...(o.trace === undefined ? {} : { trace: o.trace }),
    ...(o.pcap === undefined ? {} : { pcapSink: o.pcap.udp }),
    onProgress: (p) => progress.update(++done, total, `${p.variant ?? p.cluster} ${p.size} B`),
  });
  progress.stop();
  return r;
}

/** The RTPS results for people: rows, findings (the published facts) and counterfactuals. */
export function rtpsText(s: RtpsScenario, r: RtpsResult, seed: number): string {
  return [
    renderTable('text', rtpsRowsTable(r.rows.filter((x) => x.variant === null))).trimEnd(),
    '',
    `published findings vs simulation (${s.name}, seed ${seed}; the seed gives figures, not numbers, so each finding is checked, not an error):`,
    renderTable('text', findingsTable(r.findings)).trimEnd(),
    ...r.findings.map((f) => `  ${f.id}: ${f.detail}`),
    ...(r.counterfactuals.length === 0 ? [] : ['', 'counterfactuals (the findings with each variant in place of its cluster):', ...counterfactualLines(r)]),
  ].join('\n');
}

/** Report files of an RTPS scenario under `dir`: JSON, CSV and the two charts. */
export async function writeRtpsFiles(s: RtpsScenario, r: RtpsResult, seed: number, dir: string): Promise<Record<string, string>> {
  const files = {
    simulateJson: join(dir, 'simulate.json'),
    simulateCsv: join(dir, 'simulate.csv'),
    findingsCsv: join(dir, 'findings.csv'),
    rttSvg: join(dir, 'rtt.svg'),
    packetsSvg: join(dir, 'packets.svg'),
  };
  writeReportFile(files.simulateJson, toJson({ ...r, seed, source: s.source, assumptions: s.assumptions }, 2) + '\n');
  writeReportFile(files.simulateCsv, renderTable('csv', rtpsRowsTable(r.rows)));
  writeReportFile(files.findingsCsv, renderTable('csv', findingsTable(r.findings)));
  writeReportFile(files.rttSvg, await rttChart(`${s.name}: DDS round-trip time vs sample size (seed ${seed})`, r.rows, r.findings));
  writeReportFile(files.packetsSvg, await packetsChart(`${s.name}: packets per window vs sample size (seed ${seed})`, r.rows, r.findings));
  return files;
}
