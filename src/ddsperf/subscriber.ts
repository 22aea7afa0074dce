import { guidToString } from '../../rtps/index.js';
import { RateMeter } from '../stats/rate-meter.js';
import { SequenceTracker } from '../stats/sequence-tracker.js';
import type { ReaderHandle, Session } from '../runtime/session-api.js';
import { dataSpec } from './endpoints.js';
import { decodeKeyedSeq } from './keyed-seq.js';
import { KS_OVERHEAD } from './topics.js';

/**
 * ddsperf's sub mode: a KEEP_ALL reader on the Data topic; every sample's `seq` is checked per writer for
 * loss, duplicates and reordering, and counted (with ddsperf's size: 12 + baggage) for the rates.
 */
export class DataSubscriber {
  readonly reader: ReaderHandle;
  readonly tracker = new SequenceTracker();
  readonly meter: RateMeter;
  undecodable = 0;
  lastSize = 0;
  private matched = 0;

  constructor(session: Session, reliable: boolean) {
    this.meter = new RateMeter(session.now());
    this.reader = session.createReader(dataSpec(reliable));
    session.onEvent((e) => {
      if (e.kind === 'subscription-matched' && e.reader === this.reader) this.matched = e.current;
      else if (e.kind === 'data-available' && e.reader === this.reader) {
        for (const s of session.take(this.reader)) {
          if (s.payload === undefined || s.instanceState !== 'alive') continue;
          const v = decodeKeyedSeq(s.payload);
          if (v === undefined) {
            this.undecodable++;
            continue;
          }
          const now = session.now();
          if (this.meter.samples === 0) this.meter.restart(now);
          this.lastSize = KS_OVERHEAD + v.baggage.length;
          this.meter.add(this.lastSize, now);
          this.tracker.record(guidToString(s.writer), v.seq);
        }
      }
    });
  }

  get matchedWriters(): number {
    return this.matched;
  }
}
