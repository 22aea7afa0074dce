import type { Session, WriterHandle } from '../runtime/session-api.js';
import { wallClockNanos } from '../runtime/clock.js';
import { cycloneTimeFromNanos } from './cyclone-time.js';
import { dataSpec } from './endpoints.js';
import { encodeKeyedSeq, keyedSeqKeyHash } from './keyed-seq.js';
import { ddsperfBaggage } from './topics.js';

export interface PublishOptions {
  readonly size: number;
  /** Samples per second; Infinity: as fast as flow control allows. */
  readonly rate: number;
  readonly reliable: boolean;
}

/**
 * ddsperf's pub mode on the Data topic: KeyedSeq samples with seq counting up from 0 and key 0, written at a
 * fixed rate (averaged from the start, as ddsperf does) or as fast as the reliable writer's KEEP_ALL history
 * lets us. Source timestamps are even: an odd one would ask the subscriber for a pong.
 */
export class DataPublisher {
  readonly writer: WriterHandle;
  written = 0;
  octets = 0;
  blocked = 0;
  private matched = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private started = 0;
  private readonly payloadSize: number;
  private readonly baggage: Uint8Array;

  constructor(
    private readonly session: Session,
    private readonly options: PublishOptions,
  ) {
    this.baggage = ddsperfBaggage(options.size);
    this.payloadSize = Math.max(12, options.size);
    this.writer = session.createWriter(dataSpec(options.reliable));
    session.onEvent((e) => {
      if (e.kind === 'publication-matched' && e.writer === this.writer) this.matched = e.current;
      else if (e.kind === 'writer-unblocked' && e.writer === this.writer) this.wake();
    });
  }

  get matchedReaders(): number {
    return this.matched;
  }

  start(): void {
    this.running = true;
    this.started = this.session.now();
    this.continueSoon();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private schedule(ms: number): void {
    if (!this.running || this.timer !== undefined || this.immediate !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.burst();
    }, ms);
  }

  /** Acknowledgements came in after the history was full: try again now rather than at the fallback timer. */
  private wake(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.continueSoon();
  }

  /** Next slice after pending I/O is handled (setImmediate, not a >= 1 ms timer, so full speed stays full). */
  private continueSoon(): void {
    if (!this.running || this.immediate !== undefined) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.burst();
    });
  }

  /** Writes until ahead of the rate, blocked by flow control, or 1 ms of work (to keep receiving). */
  private burst(): void {
    const sliceEnd = this.session.now() + 1e6;
    const keyHash = keyedSeqKeyHash(0);
    while (this.running) {
      const now = this.session.now();
      if (this.options.rate !== Infinity) {
        const due = Math.floor(((now - this.started) / 1e9) * this.options.rate) + 1;
        if (this.written >= due) {
          this.schedule(Math.max(1, Math.ceil((((this.written) / this.options.rate) * 1e9 - (now - this.started)) / 1e6)));
          return;
        }
      }
      if (now >= sliceEnd) {
        this.continueSoon();
        return;
      }
      const ts = cycloneTimeFromNanos(wallClockNanos() & ~1n);
      const payload = encodeKeyedSeq({ seq: this.written >>> 0, keyval: 0, baggage: this.baggage });
      if (this.session.write(this.writer, payload, { keyHash, sourceTimestamp: ts }) === 'full') {
        this.blocked++;
        // Resumed by 'writer-unblocked'; the timer is a safety net should that event be missed.
        this.schedule(10);
        return;
      }
      this.written++;
      this.octets += this.payloadSize;
    }
  }
}
