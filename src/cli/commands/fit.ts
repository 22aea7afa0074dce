import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { isScalar, parseDocument } from 'yaml';
import { fit, type FitResult } from '../../../netem/index.js';
import { toJson } from '../../report/json.js';
import { fitParameterTable, fitResidualTable } from '../../report/netem-tables.js';
import { renderTable, writeReportFile } from '../../report/output.js';
import { progressBar } from '../../report/progress.js';
import { checkSeed, loadScenario, scenarioArgs, type ScenarioArgs } from '../../scenario-file.js';
import { outputFormat } from '../table.js';
import { UsageError } from '../usage-error.js';

interface FitArgs extends ScenarioArgs {
  write: boolean;
  'max-iterations': number;
}

/**
 * The scenario text with `parameters:` updated to the fitted values. A parameter already in the file has just its
 * value's characters replaced (comments, layout and everything else stay byte for byte). New ones are added through
 * the yaml library's document model, which keeps comments but re-emits the file in its own layout.
 */
export function withFittedParameters(text: string, parameters: FitResult['parameters']): string {
  const doc = parseDocument(text);
  const edits: { start: number; end: number; value: string }[] = [];
  const added: [string, number][] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const node = doc.getIn(['parameters', name], true);
    if (isScalar(node) && node.range !== undefined && node.range !== null) edits.push({ start: node.range[0], end: node.range[1], value: String(value) });
    else added.push([name, value]);
  }
  let out = text;
  for (const e of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.value + out.slice(e.end);
  if (added.length === 0) return out;
  const again = parseDocument(out);
  for (const [name, value] of added) again.setIn(['parameters', name], value);
  return again.toString();
}

export const fitCommand: CommandModule<object, FitArgs> = {
  command: 'fit <scenario>',
  describe: "Calibrate the scenario's fit parameters against its measurements (least squares)",
  builder: (y) =>
    scenarioArgs(y)
      .option('write', { type: 'boolean', default: false, describe: "store the fitted values under the scenario file's parameters: (comments are kept)" })
      .option('max-iterations', { type: 'number', default: 8, describe: 'Levenberg-Marquardt iterations at most (after the coarse start)' })
      .example('$0 fit cni-1g', 'the per-byte veth cost that explains the three overlay CNIs, with residuals')
      .example('$0 fit ./my-scenario.yaml --write', 'calibrate your own scenario and save the result in it')
      .epilog(
        'Which parameters are fitted is the scenario\'s `fit.parameters` list (names from netem/datapath/defaults.ts). ' +
          'The fit minimises the sum of squared relative errors (simulated - measured) / measured over the measured ' +
          'rows: first a 1-D search per parameter (goodput is flat in a CPU cost until that hop becomes the ' +
          'bottleneck), then Levenberg-Marquardt. Every evaluation is a full simulation, so a fit takes 40-80 s; a ' +
          'progress bar shows on a terminal. Fewer measurements than parameters cannot identify them: the command ' +
          'says so.',
      ),
  handler: async (a) => {
    const seed = checkSeed(a.seed);
    const maxIterations = a['max-iterations'];
    if (!Number.isInteger(maxIterations) || maxIterations < 0) throw new UsageError(`--max-iterations must be a whole number >= 0, got ${maxIterations}`);
    const loaded = loadScenario(a.scenario);
    if (loaded.kind !== 'tcp-bulk') throw new UsageError(`fit works on TCP goodput scenarios; ${loaded.scenario.name} is an RTPS scenario`);
    const s = loaded.scenario;
    if (s.fitParameters.length === 0) throw new UsageError(`${loaded.path} has no fit.parameters: name the parameters to calibrate there`);
    const progress = progressBar(`fit ${s.name}`);
    const r = fit(s, {
      seed,
      maxIterations,
      onProgress: (p) => progress.update(p.done, p.total, p.phase === 'coarse' ? `coarse start, ${p.evaluations} runs` : `LM iterations, ${p.evaluations} runs`),
    });
    progress.stop();
    if (a.write) {
      // Re-read: the file is rewritten from its current text, not from a copy that may be stale.
      writeReportFile(loaded.path, withFittedParameters(readFileSync(loaded.path, 'utf8'), r.parameters));
    }
    const format = outputFormat(a);
    if (format === 'json') {
      process.stdout.write(toJson({ scenario: s.name, seed, ...r, written: a.write ? loaded.path : null }, 2) + '\n');
      return;
    }
    if (format === 'csv') {
      process.stdout.write(renderTable('csv', fitResidualTable(r)));
      return;
    }
    const lines = [
      `${r.fittedParameters} parameter${r.fittedParameters === 1 ? '' : 's'} fitted against ${r.measurements} measurement${r.measurements === 1 ? '' : 's'} ` +
        `(${s.name}, seed ${seed}; ${r.iterations} LM iteration${r.iterations === 1 ? '' : 's'}, ${r.evaluations} simulation runs)`,
      ...(r.measurements < r.fittedParameters ? ['warning: fewer measurements than parameters, the values are not identified'] : []),
      '',
      renderTable('text', fitParameterTable(r)).trimEnd(),
      '',
      renderTable('text', fitResidualTable(r)).trimEnd(),
      '',
      `residuals: rms ${r.rmsPct.toFixed(2)} %, largest |residual| ${r.maxAbsPct.toFixed(2)} %`,
      a.write ? `written to ${loaded.path} (parameters:)` : 'not written (--write stores the fitted values in the scenario file)',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  },
};
