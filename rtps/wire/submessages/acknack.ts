import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumberSet, writeSequenceNumberSet, type SequenceNumberSet } from '../../types/number-set.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** ACKNACK (8.3.7.1, 9.4.5.2). */
export interface AckNack {
  readonly kind: 'ACKNACK';
  readonly littleEndian: boolean;
  /** F: the reader does not need a response. */
  readonly finalFlag: boolean;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly readerSNState: SequenceNumberSet;
  /** Count_t (a signed long). */
  readonly count: number;
}

/** Flag bits of this submessage besides E (9.4.5.2). */
export const ACKNACK_FLAG_FINAL = 0x02;

/** Decodes the body (9.4.5.2) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readAckNackBody(r: ByteReader, flags: number): AckNack {
  return {
    kind: 'ACKNACK',
    littleEndian: r.littleEndian,
    finalFlag: (flags & ACKNACK_FLAG_FINAL) !== 0,
    readerId: readEntityId(r, 'ACKNACK.readerId'),
    writerId: readEntityId(r, 'ACKNACK.writerId'),
    readerSNState: readSequenceNumberSet(r, 'ACKNACK.readerSNState'),
    count: r.i32('ACKNACK.count'),
  };
}

/** Encodes the body (9.4.5.2) in w's byte order and returns the flags for the submessage header. */
export function writeAckNackBody(w: ByteWriter, m: AckNack): number {
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumberSet(w, m.readerSNState);
  w.i32(m.count);
  return (m.littleEndian ? FLAG_ENDIANNESS : 0) | (m.finalFlag ? ACKNACK_FLAG_FINAL : 0);
}
