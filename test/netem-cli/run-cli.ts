import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import yargs from 'yargs';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { fitCommand } from '../../src/cli/commands/fit.js';
import { reproduceCommand } from '../../src/cli/commands/reproduce.js';
import { simulateCommand } from '../../src/cli/commands/simulate.js';
import { sweepCommand } from '../../src/cli/commands/sweep.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { scenariosDir } from '../../src/scenario-file.js';

/**
 * Runs the netem commands through yargs as the CLI does (same builders, defaults and validation) and returns what
 * they print on stdout. Usage errors are thrown (the real CLI turns them into one line and exit code 2).
 */
export async function runCli(args: readonly string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  });
  try {
    await yargs([...args])
      .command(simulateCommand)
      .command(explainCommand)
      .command(sweepCommand)
      .command(fitCommand)
      .command(reproduceCommand)
      .strict()
      .exitProcess(false)
      .fail((msg: string | undefined, err: Error | undefined) => {
        throw err ?? new UsageError(msg ?? 'invalid arguments');
      })
      .parseAsync();
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

/** A private temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netem-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * cni-10g (two datapaths, 10 Gbit/s, jumbo frames) with a shorter simulated run (0.25 s, 0.05 s omitted instead of
 * 0.6 s and 0.15 s) so that a CLI test takes seconds; `edit` may change the text further.
 */
export function shortScenarioFile(dir: string, edit: (text: string) => string = (t) => t): string {
  const text = readFileSync(join(scenariosDir(), 'cni-10g.yaml'), 'utf8').replace('duration: 0.6 s', 'duration: 0.25 s').replace('omit: 0.15 s', 'omit: 0.05 s');
  if (!text.includes('duration: 0.25 s')) throw new Error('cni-10g.yaml changed: update shortScenarioFile');
  const path = join(dir, 'short-10g.yaml');
  writeFileSync(path, edit(text));
  return path;
}
