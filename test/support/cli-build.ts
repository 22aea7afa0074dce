import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repo = join(import.meta.dirname, '..', '..');

/** A private build of the CLI for tests that run it as a process, and how to remove it. */
export interface CliBuild {
  /** Absolute path of the built `rtps-pod` entry point (run it with process.execPath). */
  readonly main: string;
  remove(): void;
}

/**
 * Compiles the project (tsconfig.build.json) into a fresh directory under the repository's git-ignored tmp/,
 * so `npm test` works from a clean clone and parallel test files never overwrite each other's output.
 * Inside the repository so the output still resolves node_modules.
 */
export async function buildCli(): Promise<CliBuild> {
  mkdirSync(join(repo, 'tmp'), { recursive: true });
  const outDir = mkdtempSync(join(repo, 'tmp', 'cli-build-'));
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const main = join(outDir, 'src', 'cli', 'main.js');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', outDir], { cwd: repo, timeout: 120_000 });
  } catch (e) {
    // tsc still emits when some other module has a type error; `npm test` reports those in its typecheck step.
    // Only a build that produced no CLI at all is this helper's failure.
    if (!existsSync(main)) {
      rmSync(outDir, { recursive: true, force: true });
      throw e;
    }
  }
  return { main, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
