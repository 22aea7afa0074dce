import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readTime, writeTime, type Time } from '../../types/time.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** INFO_TS (8.3.7.11, 9.4.5.12). */
export interface InfoTimestamp {
  readonly kind: 'INFO_TS';
  readonly littleEndian: boolean;
  /** I: no timestamp; following submessages have none (haveTimestamp = false). */
  readonly invalidateFlag: boolean;
  /** Present exactly when invalidateFlag is clear. */
  readonly timestamp?: Time;
}

/** Flag bits of this submessage besides E (9.4.5.12). */
export const INFO_TS_FLAG_INVALIDATE = 0x02;

/** Decodes the body (9.4.5.12) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readInfoTimestampBody(r: ByteReader, flags: number): InfoTimestamp {
  const invalidateFlag = (flags & INFO_TS_FLAG_INVALIDATE) !== 0;
  return {
    kind: 'INFO_TS',
    littleEndian: r.littleEndian,
    invalidateFlag,
    timestamp: invalidateFlag ? undefined : readTime(r, 'INFO_TS.timestamp'),
  };
}

/** Encodes the body (9.4.5.12) in w's byte order and returns the flags for the submessage header. */
export function writeInfoTimestampBody(w: ByteWriter, m: InfoTimestamp): number {
  if (m.invalidateFlag === (m.timestamp !== undefined)) {
    throw new EncodeError('INFO_TS.timestamp', 'must be present exactly when invalidateFlag is clear');
  }
  if (m.timestamp !== undefined) writeTime(w, m.timestamp);
  return (m.littleEndian ? FLAG_ENDIANNESS : 0) | (m.invalidateFlag ? INFO_TS_FLAG_INVALIDATE : 0);
}
