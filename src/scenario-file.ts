import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ScenarioError } from '../netem/index.js';
import { parseAnyScenario, type AnyScenario } from '../netem/scenario/any.js';
import { UsageError } from './cli/usage-error.js';

/** A scenario read from disk: what it says, and where it came from (so `fit --write` can update it). */
export type LoadedScenario = AnyScenario & { readonly path: string; readonly text: string };

/**
 * The repository's scenarios/ directory: found upwards from this module, so the CLI works from src/ (vitest) and
 * from dist/src/ (built), whatever the working directory.
 */
export function scenariosDir(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'scenarios')) && existsSync(join(dir, 'package.json'))) return join(dir, 'scenarios');
    if (dirname(dir) === dir) throw new Error('scenarios/ not found above ' + import.meta.dirname);
  }
}

/** Names of the bundled scenarios (scenarios/*.yaml), sorted. */
export function scenarioNames(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A bundled scenario's name (`cni-1g`) or a path to a YAML file → the file's path. */
export function scenarioPath(nameOrPath: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(nameOrPath) && !existsSync(nameOrPath)) {
    const p = join(scenariosDir(), `${nameOrPath}.yaml`);
    if (!existsSync(p)) throw new UsageError(`no scenario named "${nameOrPath}" (bundled: ${scenarioNames().join(', ')}; or give a path to a YAML file)`);
    return p;
  }
  return resolve(nameOrPath);
}

/** Reads and checks a scenario; every problem (missing file, bad YAML, bad key) is one line naming the file and key. */
export function loadScenario(nameOrPath: string): LoadedScenario {
  const path = scenarioPath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return { ...parseAnyScenario(text), path, text };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // YAML syntax errors carry a multi-line code frame; the first line says what and where.
    throw new UsageError(`ScenarioError in ${path}: ${e.message.split('\n')[0]!}`);
  }
}

/** Arguments every netem command shares. */
export interface ScenarioArgs {
  scenario: string;
  seed: number;
  json?: boolean;
  csv?: boolean;
}

/** The `<scenario>` positional, `--seed`, `--json` and `--csv`. */
export function scenarioArgs<T>(y: Argv<T>): Argv<T & ScenarioArgs> {
  return y
    .positional('scenario', {
      type: 'string',
      demandOption: true,
      describe: 'a bundled scenario name (cni-1g, cni-10g, edge-rpi: see scenarios/) or the path of a scenario YAML file',
    })
    .option('seed', { type: 'number', default: 1, describe: 'PRNG seed; the same scenario and seed give the same numbers' })
    .option('json', { type: 'boolean', describe: 'print one JSON document for scripts instead of tables' })
    .option('csv', { type: 'boolean', describe: 'print the table as CSV (header line first)' })
    .conflicts('json', 'csv') as unknown as Argv<T & ScenarioArgs>;
}

/** A whole-number seed (the engine's PRNG takes 32 bits). */
export function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got ${seed}`);
  return seed;
}
