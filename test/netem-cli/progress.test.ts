import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/report/progress.js';

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    columns: 100,
    written,
    write(chunk: string | Uint8Array) {
      written.push(String(chunk));
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => undefined,
    removeListener: () => undefined,
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progress bars', () => {
  afterEach(() => vi.useRealTimers());

  it('write nothing at all when the stream is not a terminal, however long the work', () => {
    vi.useFakeTimers();
    const s = fakeStream(false);
    const p = progressBar('work', s);
    for (let i = 1; i <= 50; i++) {
      vi.advanceTimersByTime(1000);
      p.update(i, 50);
    }
    p.stop();
    expect(s.written).toEqual([]);
  });

  it('on a terminal, stay silent for the first two seconds, then draw the bar', () => {
    vi.useFakeTimers();
    const s = fakeStream(true);
    const p = progressBar('work', s);
    p.update(1, 10);
    vi.advanceTimersByTime(1500);
    p.update(2, 10);
    expect(s.written.join('')).toBe('');
    vi.advanceTimersByTime(1000);
    p.update(3, 10, 'runs');
    vi.advanceTimersByTime(1000);
    p.update(4, 10, 'runs');
    p.stop();
    expect(s.written.join('')).toMatch(/work \[.*\] \d+\/10 runs/);
  });
});
