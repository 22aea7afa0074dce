import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { CAUSES, explain } from '../../../netem/index.js';
import { waterfallChart } from '../../report/charts.js';
import { toJson } from '../../report/json.js';
import { explainTable, textWaterfall } from '../../report/netem-tables.js';
import { renderTable, writeReportFile } from '../../report/output.js';
import { progressBar } from '../../report/progress.js';
import { formatBps } from '../../report/units.js';
import { checkSeed, loadScenario, scenarioArgs, type ScenarioArgs } from '../../scenario-file.js';
import { outputFormat } from '../table.js';
import { UsageError } from '../usage-error.js';

interface ExplainArgs extends ScenarioArgs {
  svg?: string;
  out: string;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <scenario>',
  describe: "Split each datapath's goodput gap to the baseline into causes (table + waterfall chart)",
  builder: (y) =>
    scenarioArgs(y)
      .option('svg', { type: 'string', describe: 'write the waterfall chart here (default: <out>/<scenario>/waterfall.svg)' })
      .option('out', { type: 'string', default: 'reports', describe: 'report directory for the chart when --svg is not given' })
      .example('$0 explain cni-1g', 'why Calico, flannel and Weave lose 35-45 Mbit/s against the host')
      .example('$0 explain cni-10g --svg waterfall.svg', 'and what MTU the published 9.88 Gbit/s implies')
      .epilog(
        'Causes, each measured by a counterfactual run with that one cause switched off: ' +
          Object.entries(CAUSES)
            .map(([k, v]) => `${k} = ${v}`)
            .join('; ') +
          '. Causes interact (a bottleneck moves), so what the single switches do not account for is shown as a ' +
          'residual row: the rows always add up to the whole gap. The baseline row is not listed (its gap is 0). ' +
          '"implied MTU" is the smallest MTU at which a purely wire-limited TCP flow reaches the measured goodput. ' +
          'Takes about 10 s (cni-10g) to 45 s (cni-1g); a progress bar shows on a terminal.',
      ),
  handler: async (a) => {
    const seed = checkSeed(a.seed);
    const loaded = loadScenario(a.scenario);
    if (loaded.kind !== 'tcp-bulk') throw new UsageError(`explain works on TCP goodput scenarios; ${loaded.scenario.name} is an RTPS scenario (use simulate)`);
    const s = loaded.scenario;
    const progress = progressBar(`explain ${s.name}`);
    const r = explain(s, { seed, onProgress: (done, total) => progress.update(done, total, 'runs') });
    progress.stop();
    const svg = a.svg ?? join(a.out, s.name, 'waterfall.svg');
    writeReportFile(svg, await waterfallChart(`${s.name}: where the goodput goes (seed ${seed})`, r));
    const format = outputFormat(a);
    if (format === 'json') {
      process.stdout.write(toJson({ scenario: s.name, seed, ...r, files: { svg } }, 2) + '\n');
      return;
    }
    process.stdout.write(renderTable(format, explainTable(r)));
    if (format === 'csv') return;
    const lines = [
      `(Mbit/s lost to each cause; negative: gained. Bottleneck link ${formatBps(r.bottleneckBps)}.)`,
      '',
      textWaterfall(r).trimEnd(),
      '',
      `waterfall chart: ${svg}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  },
};
