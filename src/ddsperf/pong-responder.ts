import { guidPrefixEquals, guidPrefixToString, type Time } from '../../rtps/index.js';
import type { ReaderHandle, Session, WriterHandle } from '../runtime/session-api.js';
import { cycloneNanosFromTime, cycloneTimeFromNanos } from './cyclone-time.js';
import { pingSpec, pongSpec } from './endpoints.js';
import { ddsperfGuidPartition, parseDdsperfUserData } from './topics.js';

/** The source timestamp of a pong: the ping's, lowest nanosecond bit set, converted exactly as Cyclone does. */
export function pongTimestamp(ping: Time): Time {
  return cycloneTimeFromNanos(cycloneNanosFromTime(ping) | 1n);
}

/**
 * What every ddsperf process does whatever its mode: answer pings. A Pong writer is created for each
 * discovered ddsperf participant, in the partition named after its GUID; each ping taken from the Ping reader
 * is echoed unchanged on the Pong writer of the ping writer's participant.
 */
export class PongResponder {
  readonly pingReader: ReaderHandle;
  private readonly pongWriters = new Map<string, WriterHandle>();
  answered = 0;
  unanswerable = 0;

  constructor(
    private readonly session: Session,
    private readonly reliable: boolean,
  ) {
    this.pingReader = session.createReader(pingSpec(reliable));
    session.onEvent((e) => {
      if (e.kind === 'participant-discovered') {
        const key = guidPrefixToString(e.guidPrefix);
        if (parseDdsperfUserData(e.userData) === undefined || this.pongWriters.has(key)) return;
        this.pongWriters.set(key, session.createWriter(pongSpec(this.reliable, ddsperfGuidPartition(e.guidPrefix))));
      } else if (e.kind === 'participant-lost') {
        const key = guidPrefixToString(e.guidPrefix);
        const w = this.pongWriters.get(key);
        if (w !== undefined) session.deleteWriter(w);
        this.pongWriters.delete(key);
      } else if (e.kind === 'data-available' && e.reader === this.pingReader) {
        this.answer();
      }
    });
  }

  private answer(): void {
    for (const s of this.session.take(this.pingReader)) {
      // Our own Ping writer matches our Ping reader (the Participant does not ignore local endpoints, ddsperf does).
      if (s.payload === undefined || s.instanceState !== 'alive' || guidPrefixEquals(s.writer.prefix, this.session.guidPrefix)) continue;
      const w = this.pongWriters.get(guidPrefixToString(s.writer.prefix));
      if (w === undefined || s.sourceTimestamp === undefined) {
        this.unanswerable++;
        continue;
      }
      this.session.write(w, s.payload, { sourceTimestamp: pongTimestamp(s.sourceTimestamp), ...(s.keyHash !== undefined ? { keyHash: s.keyHash } : {}) });
      this.answered++;
    }
  }
}
