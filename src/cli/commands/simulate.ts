import type { CommandModule } from 'yargs';
import { simulate, type Scenario, type SimRow } from '../../../netem/index.js';
import { PcapSink } from '../../../netem/pcap-sink.js';
import { goodputChart } from '../../report/charts.js';
import { toJson } from '../../report/json.js';
import { simulateTable } from '../../report/netem-tables.js';
import { renderTable, writeReportFile } from '../../report/output.js';
import { progressBar } from '../../report/progress.js';
import { TraceFile } from '../../report/trace-file.js';
import { rttChart } from '../../report/rtps-charts.js';
import { runRtps, rtpsText } from '../../report/rtps-report.js';
import { rtpsRowsTable } from '../../report/rtps-tables.js';
import { parseValueList } from '../../value-list.js';
import type { RtpsScenario } from '../../../netem/rtps/index.js';
import { checkSeed, loadScenario, scenarioArgs, type ScenarioArgs } from '../../scenario-file.js';
import { outputFormat } from '../table.js';
import { UsageError } from '../usage-error.js';

interface SimulateArgs extends ScenarioArgs {
  datapath?: string[];
  sizes?: string;
  duration?: number;
  counterfactuals: boolean;
  svg?: string;
  trace?: string;
  pcap?: string;
  'pcap-max-frames': number;
}

/** The scenario restricted to the named datapaths (all when none are named); unknown names are usage errors. */
export function selectDatapaths(s: Scenario, names: readonly string[] | undefined): Scenario {
  if (names === undefined || names.length === 0) return s;
  const known = s.datapaths.map((d) => d.name);
  for (const n of names) if (!known.includes(n)) throw new UsageError(`--datapath ${n}: ${s.name} has ${known.join(', ')}`);
  return { ...s, datapaths: s.datapaths.filter((d) => names.includes(d.name)) };
}

/** Mean of |error| over measured rows, the one-number summary under the table. */
export function meanAbsError(rows: readonly SimRow[]): number | null {
  const errs = rows.flatMap((r) => (r.errorPct === null ? [] : [Math.abs(r.errorPct)]));
  return errs.length === 0 ? null : errs.reduce((a, b) => a + b, 0) / errs.length;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe: 'Simulate every datapath of a scenario and compare with the published measurements',
  builder: (y) =>
    scenarioArgs(y)
      .option('datapath', { type: 'string', array: true, describe: 'simulate only these datapaths (clusters of an RTPS scenario), repeatable' })
      .option('sizes', { type: 'string', describe: 'RTPS scenarios: sample sizes in bytes instead of the scenario\'s, e.g. 5k:50k:5k or 5000,50000' })
      .option('duration', { type: 'number', describe: 'RTPS scenarios: virtual milliseconds measured per size (default: the scenario\'s)' })
      .option('counterfactuals', { type: 'boolean', default: true, describe: 'RTPS scenarios: also run the scenario\'s what-if variants (--no-counterfactuals: skip)' })
      .option('svg', { type: 'string', describe: 'also write a goodput bar chart (SVG) with the measured values marked' })
      .option('trace', { type: 'string', describe: 'write the event log as msgpack: one array of [t, ev, pkt, at, bytes] per datapath run' })
      .option('pcap', { type: 'string', describe: 'write the simulated packets as a classic pcap (headers only, see below)' })
      .option('pcap-max-frames', { type: 'number', default: 500_000, describe: 'keep at most this many frames in --pcap (the rest are counted)' })
      .example('$0 simulate cni-1g', 'published vs simulated goodput of five CNIs on a 1 Gbit/s network')
      .example('$0 simulate cni-10g --datapath macvlan --pcap macvlan.pcap', 'one datapath, its packets for Wireshark')
      .example('$0 simulate ./my-scenario.yaml --seed 7 --csv > out.csv', 'your own scenario file, as CSV')
      .example('$0 simulate edge-rpi --sizes 5k,50k --pcap rtps.pcap', 'DDS ping-pong on K8s/K3s/K0s; real RTPS bytes for tshark')
      .epilog(
        'Each datapath is one TCP bulk flow (like iperf3) in a deterministic discrete-event simulation; the model never ' +
          'sees the measured values (it runs on the scenario with them stripped), they are joined afterwards. ' +
          'error = (simulated - measured) / measured. ' +
          '--pcap frames are the pods\' inner IPv4/TCP packets at the moment they reach the receiving socket, with real ' +
          'headers (sequence numbers, timestamps, SACK, checksums) but no payload bytes: each record keeps the headers and ' +
          'states the full frame length (snaplen 96), so Wireshark shows true sizes and throughput. ' +
          'RTPS scenarios (edge-rpi) run the real rtps/ participant in every pod: the table gives RTT and packets per ' +
          'window per cluster and size, then each published finding and whether the simulation reproduces it; their ' +
          '--pcap holds every datagram a pod sends, with its real RTPS bytes.',
      ),
  handler: async (a) => {
    const seed = checkSeed(a.seed);
    const loaded = loadScenario(a.scenario);
    const format = outputFormat(a);
    const trace = a.trace === undefined ? undefined : new TraceFile(a.trace);
    const pcap = a.pcap === undefined ? undefined : new PcapSink(a['pcap-max-frames']);
    if (loaded.kind === 'rtps') {
      await simulateRtpsScenario(loaded.scenario, a, seed, trace, pcap);
      return;
    }
    for (const [flag, v] of [['--sizes', a.sizes], ['--duration', a.duration]] as const)
      if (v !== undefined) throw new UsageError(`${flag} applies to RTPS scenarios; ${loaded.scenario.name} is a TCP goodput scenario`);
    const s = selectDatapaths(loaded.scenario, a.datapath);
    const progress = progressBar(`simulate ${s.name}`);
    const rows = simulate(s, {
      seed,
      ...(trace === undefined ? {} : { trace: (name: string) => trace.next(name) }),
      ...(pcap === undefined ? {} : { pcap }),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    trace?.flush();
    if (pcap !== undefined && a.pcap !== undefined) writeReportFile(a.pcap, pcap.toPcap());
    if (a.svg !== undefined) writeReportFile(a.svg, await goodputChart(`${s.name}: simulated vs measured goodput (seed ${seed})`, rows));
    const files = { svg: a.svg, trace: a.trace, pcap: a.pcap };
    if (format === 'json') {
      process.stdout.write(toJson({ scenario: s.name, seed, source: s.source, rows, meanAbsErrorPct: meanAbsError(rows), files }, 2) + '\n');
      return;
    }
    process.stdout.write(renderTable(format, simulateTable(rows)));
    if (format === 'csv') return;
    const mae = meanAbsError(rows);
    const lines = [`${s.name}, seed ${seed}: ${rows.length} datapath${rows.length === 1 ? '' : 's'} simulated${mae === null ? '' : `, mean |error| ${mae.toFixed(2)} % over the measured rows`}`];
    if (a.svg !== undefined) lines.push(`goodput chart: ${a.svg}`);
    if (a.trace !== undefined) lines.push(`event log: ${a.trace} (${trace!.runs.length} runs, msgpack)`);
    if (pcap !== undefined) lines.push(`pcap: ${a.pcap} (${pcap.frames} frames${pcap.omitted > 0 ? `, ${pcap.omitted} more not kept: raise --pcap-max-frames` : ''})`);
    process.stdout.write(lines.join('\n') + '\n');
  },
};

/** `simulate` of an RTPS scenario: RTT and packet rates per cluster and size, and the published findings checked. */
async function simulateRtpsScenario(s: RtpsScenario, a: SimulateArgs, seed: number, trace: TraceFile | undefined, pcap: PcapSink | undefined): Promise<void> {
  const known = s.clusters.map((c) => c.name);
  for (const n of a.datapath ?? []) if (!known.includes(n)) throw new UsageError(`--datapath ${n}: ${s.name} has clusters ${known.join(', ')}`);
  const sizes = a.sizes === undefined ? undefined : parseValueList(a.sizes, 'size', '--sizes');
  if (a.duration !== undefined && !(a.duration > 0)) throw new UsageError(`--duration must be a positive number of milliseconds, got ${a.duration}`);
  const r = runRtps(s, {
    seed,
    counterfactuals: a.counterfactuals,
    ...(sizes === undefined ? {} : { sizes }),
    ...(a.duration === undefined ? {} : { durationNs: a.duration * 1e6 }),
    ...(a.datapath === undefined || a.datapath.length === 0 ? {} : { clusters: a.datapath }),
    ...(trace === undefined ? {} : { trace: trace.next(`${s.name} (every run)`) }),
    ...(pcap === undefined ? {} : { pcap }),
  });
  trace?.flush();
  if (pcap !== undefined && a.pcap !== undefined) writeReportFile(a.pcap, pcap.toPcap());
  if (a.svg !== undefined) writeReportFile(a.svg, await rttChart(`${s.name}: DDS round-trip time vs sample size (seed ${seed})`, r.rows, r.findings));
  const format = outputFormat(a);
  if (format === 'json') {
    process.stdout.write(toJson({ ...r, seed, source: s.source, files: { svg: a.svg, trace: a.trace, pcap: a.pcap } }, 2) + '\n');
    return;
  }
  if (format === 'csv') {
    process.stdout.write(renderTable('csv', rtpsRowsTable(r.rows)));
    return;
  }
  const lines = [rtpsText(s, r, seed)];
  if (a.svg !== undefined) lines.push(`RTT chart: ${a.svg}`);
  if (a.trace !== undefined) lines.push(`event log: ${a.trace} (msgpack, one array for all runs)`);
  if (pcap !== undefined) lines.push(`pcap: ${a.pcap} (${pcap.frames} RTPS datagrams${pcap.omitted > 0 ? `, ${pcap.omitted} more not kept: raise --pcap-max-frames` : ''})`);
  process.stdout.write(lines.join('\n') + '\n');
}
