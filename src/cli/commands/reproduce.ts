import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { explain, simulate, type Scenario } from '../../../netem/index.js';
import { goodputChart, waterfallChart } from '../../report/charts.js';
import { toJson } from '../../report/json.js';
import { explainTable, simulateTable, textWaterfall } from '../../report/netem-tables.js';
import { renderTable, writeReportFile } from '../../report/output.js';
import { progressBar } from '../../report/progress.js';
import { runRtps, rtpsText, writeRtpsFiles } from '../../report/rtps-report.js';
import { checkSeed, loadScenario, scenarioNames } from '../../scenario-file.js';
import type { RtpsScenario } from '../../../netem/rtps/index.js';
import { meanAbsError } from './simulate.js';

interface ReproduceArgs {
  out: string;
  seed: number;
  json?: boolean;
  scenario?: string[];
}

/** What reproducing one TCP goodput scenario produced, and where its files are. */
async function reproduceGoodput(s: Scenario, seed: number, out: string, log: (text: string) => void): Promise<object> {
  const dir = join(out, s.name);
  const sim = progressBar(`${s.name}: simulate`);
  const rows = simulate(s, { seed, onProgress: (d, t) => sim.update(d, t, 'runs') });
  sim.stop();
  const ex = progressBar(`${s.name}: explain`);
  const explanation = explain(s, { seed, onProgress: (d, t) => ex.update(d, t, 'runs') });
  ex.stop();
  const files = {
    simulateJson: join(dir, 'simulate.json'),
    simulateCsv: join(dir, 'simulate.csv'),
    goodputSvg: join(dir, 'goodput.svg'),
    explainJson: join(dir, 'explain.json'),
    explainCsv: join(dir, 'explain.csv'),
    waterfallSvg: join(dir, 'waterfall.svg'),
  };
  const simulated = { scenario: s.name, seed, source: s.source, assumptions: s.assumptions, rows, meanAbsErrorPct: meanAbsError(rows) };
  writeReportFile(files.simulateJson, toJson(simulated, 2) + '\n');
  writeReportFile(files.simulateCsv, renderTable('csv', simulateTable(rows)));
  writeReportFile(files.goodputSvg, await goodputChart(`${s.name}: simulated vs measured goodput (seed ${seed})`, rows));
  writeReportFile(files.explainJson, toJson({ scenario: s.name, seed, ...explanation }, 2) + '\n');
  writeReportFile(files.explainCsv, renderTable('csv', explainTable(explanation)));
  writeReportFile(files.waterfallSvg, await waterfallChart(`${s.name}: where the goodput goes (seed ${seed})`, explanation));
  const mae = meanAbsError(rows);
  log(
    [
      `== ${s.name}: ${s.description.split('. ')[0]!.replace(/\.$/, '')}.`,
      `   source: ${s.source.document}`,
      '',
      renderTable('text', simulateTable(rows)).trimEnd(),
      mae === null ? '' : `mean |error| ${mae.toFixed(2)} % over the measured rows`,
      '',
      renderTable('text', explainTable(explanation)).trimEnd(),
      '',
      textWaterfall(explanation).trimEnd(),
      '',
      `files: ${Object.values(files).join(', ')}`,
      '',
    ].join('\n'),
  );
  return { kind: 'tcp-bulk', simulate: simulated, explain: explanation, files };
}

async function reproduceRtps(s: RtpsScenario, seed: number, out: string, log: (text: string) => void): Promise<object> {
  const r = runRtps(s, { seed, counterfactuals: true });
  const files = await writeRtpsFiles(s, r, seed, join(out, s.name));
  log([`== ${s.name}: ${s.description.split('. ')[0]!.replace(/\.$/, '')}.`, `   source: ${s.source.document}`, '', rtpsText(s, r, seed), '', `files: ${Object.values(files).join(', ')}`, ''].join('\n'));
  return { kind: 'rtps', simulate: r, files };
}

export const reproduceCommand: CommandModule<object, ReproduceArgs> = {
  command: 'reproduce',
  describe: 'Re-run every bundled scenario: tables, explanations and report files (JSON, CSV, SVG)',
  builder: (y) =>
    y
      .option('out', { type: 'string', default: 'reports', describe: 'directory for the report files (one subdirectory per scenario)' })
      .option('seed', { type: 'number', default: 1, describe: 'PRNG seed for every run' })
      .option('scenario', { type: 'string', array: true, describe: `only these scenarios (default: all of ${scenarioNames().join(', ')})` })
      .option('json', { type: 'boolean', describe: 'print one JSON document with every result instead of the tables' })
      .example('$0 reproduce', 'everything, report files under reports/ (what `npm start` runs)')
      .example('$0 reproduce --scenario cni-10g --out /tmp/r', 'one scenario into another directory')
      .epilog(
        'Per scenario <out>/<name>/: simulate.json + simulate.csv (measured vs simulated with errors), goodput.svg ' +
          '(simulated bars, measured values as black ticks), explain.json + explain.csv (gap to the baseline by cause) ' +
          'and waterfall.svg. RTPS scenarios (edge-rpi): simulate.json + simulate.csv (RTT and packets per window by ' +
          'cluster and size, counterfactual variants included), findings.csv (each published finding, checked), ' +
          'rtt.svg and packets.svg. Takes a few minutes; progress bars show on a terminal.',
      ),
  handler: async (a) => {
    const seed = checkSeed(a.seed);
    const names = a.scenario ?? scenarioNames();
    const results: Record<string, object> = {};
    const log = (text: string): void => {
      if (a.json !== true) process.stdout.write(text + '\n');
    };
    for (const name of names) {
      const loaded = loadScenario(name);
      if (loaded.kind === 'tcp-bulk') results[name] = await reproduceGoodput(loaded.scenario, seed, a.out, log);
      else results[name] = await reproduceRtps(loaded.scenario, seed, a.out, log);
    }
    writeReportFile(join(a.out, 'summary.json'), toJson({ seed, scenarios: results }, 2) + '\n');
    if (a.json === true) process.stdout.write(toJson({ seed, out: a.out, scenarios: results }, 2) + '\n');
    else log(`summary: ${join(a.out, 'summary.json')}`);
  },
};
