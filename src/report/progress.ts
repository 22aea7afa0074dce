import { SingleBar } from 'cli-progress';

/** A progress report for long computations: `update(done, total)` as they go, `stop()` at the end. */
export interface Progress {
  update(done: number, total: number, status?: string): void;
  stop(): void;
}

/** Shown only after this long, so quick runs print nothing but their results. */
const DELAY_MS = 2000;

/**
 * A cli-progress bar on stderr, only when stderr is a terminal (nothing at all on a pipe or in a file), appearing
 * once the work has taken two seconds. The computations are synchronous loops, so the bar redraws from `update`
 * (cli-progress' synchronousUpdate) rather than from a timer.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const startedAt = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done, total, status = '') {
      if (bar === undefined) {
        if (Date.now() - startedAt < DELAY_MS) return;
        bar = new SingleBar({
          stream,
          format: `${label} [{bar}] {value}/{total} {status} ({duration}s, eta {eta}s)`,
          hideCursor: true,
          clearOnComplete: true,
          fps: 5,
          etaBuffer: 20,
        });
        bar.start(total, done, { status });
      }
      bar.setTotal(total);
      bar.update(done, { status });
    },
    stop() {
      bar?.stop();
    },
  };
}
