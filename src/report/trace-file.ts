import { collectTrace, encodeTrace, type TraceRecord, type TraceSink } from '../../netem/index.js';
import { appendReportFile, writeReportFile } from './output.js';

/**
 * `--trace FILE`: a stream of msgpack values, one per simulation run in the order the runs happen, each an array of
 * `[t, ev, pkt, at, bytes]` tuples (netem/trace.ts). Each run's log is encoded and appended as soon as the next run
 * starts, so only one run's records are held in memory. Read it with msgpackr's `unpackMultiple`.
 */
export class TraceFile {
  private pending: readonly TraceRecord[] | undefined;
  /** Runs written, with their labels in order (the JSON output lists them). */
  readonly runs: string[] = [];

  constructor(readonly path: string) {
    writeReportFile(path, new Uint8Array(0));
  }

  /** A sink for the next run; the previous run's records are flushed to the file first. */
  next(label: string): TraceSink {
    this.flush();
    const t = collectTrace();
    this.pending = t.records;
    this.runs.push(label);
    return t.sink;
  }

  flush(): void {
    if (this.pending === undefined) return;
    appendReportFile(this.path, encodeTrace(this.pending));
    this.pending = undefined;
  }
}
