import { summarize, type LatencySummary } from '../stats/percentiles.js';
import type { ReaderHandle, Session, WriterHandle } from '../runtime/session-api.js';
import { wallClockNanos } from '../runtime/clock.js';
import { cycloneTimeFromNanos } from './cyclone-time.js';
import { pingSpec, pongSpec } from './endpoints.js';
import { decodeKeyedSeq, encodeKeyedSeq, keyedSeqKeyHash } from './keyed-seq.js';
import { ddsperfBaggage, ddsperfGuidPartition } from './topics.js';

export interface PingOptions {
  readonly sizes: readonly number[];
  readonly reliable: boolean;
  /** Round trips per size; stops at whichever of count and duration comes first. */
  readonly count?: number;
  readonly durationMs?: number;
  /** A ping without its pong after this long is counted as timed out and a new one is sent (ddsperf: 1 s). */
  readonly timeoutMs: number;
}

/** The measurement of one payload size. */
export interface SizeResult {
  readonly size: number;
  readonly roundTrips: number;
  readonly timeouts: number;
  /** Pongs whose payload differed from the ping's (wrong length or content). */
  readonly corrupt: number;
  readonly rttNs: LatencySummary | undefined;
}

export interface PingProgress {
  readonly size: number;
  readonly roundTrips: number;
  readonly lastRttNs: number;
}

/** Compared natively (memcmp): a loop in JS over 50 000 octets per pong would cost more than the round trip. */
function intact(baggage: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.from(baggage.buffer, baggage.byteOffset, baggage.length).equals(expected);
}

/**
 * ddsperf's ping mode: one ping in flight, the next sent as soon as its pong is back (or after a timeout).
 * Round-trip times come from our monotonic clock (the ping's send time kept by seq), not from the echoed
 * source timestamp, so clock steps do not distort them.
 */
export class Pinger {
  readonly pingWriter: WriterHandle;
  readonly pongReader: ReaderHandle;
  private pingMatched = false;
  private pongMatched = false;
  private onMatched: (() => void) | undefined;
  private onPong: ((seq: number, baggage: Uint8Array) => void) | undefined;
  private seq = 0;
  private aborted = false;

  constructor(
    private readonly session: Session,
    reliable: boolean,
  ) {
    this.pingWriter = session.createWriter(pingSpec(reliable));
    this.pongReader = session.createReader(pongSpec(reliable, ddsperfGuidPartition(session.guidPrefix)));
    session.onEvent((e) => {
      if (e.kind === 'publication-matched' && e.writer === this.pingWriter) this.pingMatched = e.current > 0;
      else if (e.kind === 'subscription-matched' && e.reader === this.pongReader) this.pongMatched = e.current > 0;
      else if (e.kind === 'data-available' && e.reader === this.pongReader) {
        for (const s of session.take(this.pongReader)) {
          const v = s.payload === undefined ? undefined : decodeKeyedSeq(s.payload);
          if (v !== undefined) this.onPong?.(v.seq, v.baggage);
        }
      }
      if (this.pingMatched && this.pongMatched) this.onMatched?.();
    });
  }

  /** Resolves once a pong peer reads our pings and writes pongs we read; rejects after `timeoutMs`. */
  waitForPeer(timeoutMs: number): Promise<void> {
    if (this.pingMatched && this.pongMatched) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onMatched = undefined;
        reject(new Error(`no pong peer matched within ${timeoutMs / 1000} s (ping writer ${this.pingMatched ? '' : 'not '}matched, pong reader ${this.pongMatched ? '' : 'not '}matched)`));
      }, timeoutMs);
      this.onMatched = () => {
        clearTimeout(timer);
        this.onMatched = undefined;
        resolve();
      };
    });
  }

  /** Ends the measurement under way at its next ping (Ctrl-C). */
  abort(): void {
    this.aborted = true;
  }

  /** Measures one size. */
  measure(size: number, options: PingOptions, progress?: (p: PingProgress) => void): Promise<SizeResult> {
    const baggage = ddsperfBaggage(size);
    const keyHash = keyedSeqKeyHash(0);
    const rtts: number[] = [];
    let timeouts = 0;
    let corrupt = 0;
    const started = this.session.now();
    const durationNs = options.durationMs === undefined ? Infinity : options.durationMs * 1e6;
    const count = options.count ?? Infinity;
    return new Promise((resolve) => {
      let sentAt = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.onPong = undefined;
        resolve({ size, roundTrips: rtts.length, timeouts, corrupt, rttNs: summarize(rtts) });
      };
      const send = (): void => {
        if (this.aborted || rtts.length >= count || this.session.now() - started >= durationNs) {
          finish();
          return;
        }
        this.seq = (this.seq + 1) >>> 0;
        sentAt = this.session.now();
        // Lowest bit set: ddsperf's mark of a sample that wants a pong.
        const ts = cycloneTimeFromNanos(wallClockNanos() | 1n);
        this.session.write(this.pingWriter, encodeKeyedSeq({ seq: this.seq, keyval: 0, baggage }), { keyHash, sourceTimestamp: ts });
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => {
          timeouts++;
          send();
        }, options.timeoutMs);
      };
      this.onPong = (seq, got) => {
        if (seq !== this.seq) return;
        const rtt = this.session.now() - sentAt;
        if (!intact(got, baggage)) corrupt++;
        rtts.push(rtt);
        progress?.({ size, roundTrips: rtts.length, lastRttNs: rtt });
        // Not from inside the event handler: let the loop finish draining first.
        setImmediate(send);
      };
      send();
    });
  }
}
