import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { resolveParams, sweep, type Scenario, type SweepAxis } from '../../../netem/index.js';
import { sweepChart } from '../../report/charts.js';
import { toJson } from '../../report/json.js';
import { sweepTable } from '../../report/netem-tables.js';
import { renderTable, writeReportFile } from '../../report/output.js';
import { progressBar } from '../../report/progress.js';
import { TraceFile } from '../../report/trace-file.js';
import { formatAxisValue } from '../../report/units.js';
import { checkSeed, loadScenario, scenarioArgs, type ScenarioArgs } from '../../scenario-file.js';
import { AXES, parseVary, VALUE_LIST_HELP } from '../../value-list.js';
import { outputFormat } from '../table.js';
import { UsageError } from '../usage-error.js';
import { selectDatapaths } from './simulate.js';

/** Where the scenario itself sits on `axis` (the published values were measured there); undefined for `size`. */
export function scenarioSetting(s: Scenario, axis: SweepAxis): number | undefined {
  switch (axis) {
    case 'bandwidth':
      return Math.min(...s.links.map((l) => l.bandwidthBps));
    case 'mtu':
      return resolveParams(s.parameters)['mtu.nic'];
    case 'loss':
      return 0;
    case 'size':
      // The MSS follows each datapath's pod MTU: no single value to mark.
      return undefined;
  }
}

interface SweepArgs extends ScenarioArgs {
  vary: string;
  datapath?: string[];
  svg?: string;
  out: string;
  trace?: string;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'What-if curves: simulated goodput of each datapath while one setting varies',
  builder: (y) =>
    scenarioArgs(y)
      .option('vary', {
        type: 'string',
        demandOption: true,
        describe: `AXIS=VALUES, AXIS one of: ${Object.entries(AXES)
          .map(([k, v]) => `${k} (${v.unit})`)
          .join(', ')}`,
      })
      .option('datapath', { type: 'string', array: true, describe: 'sweep only these datapaths (repeatable)' })
      .option('svg', { type: 'string', describe: 'write the line chart here (default: <out>/<scenario>/sweep-<axis>.svg)' })
      .option('out', { type: 'string', default: 'reports', describe: 'report directory for the chart when --svg is not given' })
      .option('trace', { type: 'string', describe: 'write the event log of every run as msgpack (one array per run, datapath-major)' })
      .example('$0 sweep cni-1g --vary bandwidth=100M:10G:x10', 'goodput at 100 Mbit/s, 1 and 10 Gbit/s bottlenecks')
      .example('$0 sweep cni-10g --vary mtu=1500,4000,9000', 'how much the jumbo frames matter')
      .example('$0 sweep cni-1g --vary loss=0:1%:0.25% --datapath calico --csv', 'loss from 0 to 1 % per link in 0.25 % steps, as CSV')
      .epilog(
        `${VALUE_LIST_HELP} bandwidth scales every link so the slowest equals the value; mtu sets the NICs' MTU (pod ` +
          'MTUs follow it); size caps the TCP segment payload (MSS); loss is added to every link. Each point is one ' +
          'full simulation per datapath, about 1-2 s each.',
      ),
  handler: async (a) => {
    const seed = checkSeed(a.seed);
    const { axis, values } = parseVary(a.vary);
    const loaded = loadScenario(a.scenario);
    if (loaded.kind !== 'tcp-bulk') throw new UsageError(`sweep works on TCP goodput scenarios; ${loaded.scenario.name} is an RTPS scenario (use simulate)`);
    const s = selectDatapaths(loaded.scenario, a.datapath);
    const trace = a.trace === undefined ? undefined : new TraceFile(a.trace);
    const progress = progressBar(`sweep ${s.name} ${axis}`);
    const r = sweep(s, axis, values, {
      seed,
      ...(trace === undefined ? {} : { trace: (name: string, x: number) => trace.next(`${name} ${axis}=${x}`) }),
      onProgress: (done, total) => progress.update(done, total, 'runs'),
    });
    progress.stop();
    trace?.flush();
    const svg = a.svg ?? join(a.out, s.name, `sweep-${axis}.svg`);
    const at = scenarioSetting(s, axis);
    const measured = at === undefined ? [] : s.datapaths.flatMap((d) => (d.measured === undefined ? [] : [{ datapath: d.name, bps: d.measured.bps, x: at }]));
    writeReportFile(svg, await sweepChart(`${s.name}: goodput vs ${axis} (seed ${seed})`, r, measured));
    const format = outputFormat(a);
    if (format === 'json') {
      process.stdout.write(toJson({ scenario: s.name, seed, ...r, files: { svg, trace: a.trace }, traceRuns: trace?.runs }, 2) + '\n');
      return;
    }
    process.stdout.write(renderTable(format, sweepTable(r)));
    if (format === 'csv') return;
    const range = `${formatAxisValue(axis, values[0]!)} .. ${formatAxisValue(axis, values[values.length - 1]!)}`;
    const lines = [`${s.name}, seed ${seed}: ${r.series.length} datapaths x ${values.length} values of ${axis} (${range})`, `line chart: ${svg}`];
    if (a.trace !== undefined) lines.push(`event log: ${a.trace} (${trace!.runs.length} runs, msgpack)`);
    process.stdout.write(lines.join('\n') + '\n');
  },
};
