import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** HEARTBEAT_FRAG (8.3.7.6, 9.4.5.8). */
export interface HeartbeatFrag {
  readonly kind: 'HEARTBEAT_FRAG';
  readonly littleEndian: boolean;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly writerSN: SequenceNumber;
  readonly lastFragmentNum: number;
  /** Count_t (a signed long). */
  readonly count: number;
}

/** Decodes the body (9.4.5.8) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readHeartbeatFragBody(r: ByteReader): HeartbeatFrag {
  const start = r.pos;
  const readerId = readEntityId(r, 'HEARTBEAT_FRAG.readerId');
  const writerId = readEntityId(r, 'HEARTBEAT_FRAG.writerId');
  const writerSN = readSequenceNumber(r, 'HEARTBEAT_FRAG.writerSN');
  const lastFragmentNum = r.u32('HEARTBEAT_FRAG.lastFragmentNum');
  // 8.3.7.6.3: writerSN and lastFragmentNum strictly positive.
  if (writerSN < 1n) r.fail('HEARTBEAT_FRAG.writerSN', `${writerSN} is not strictly positive`, start + 8);
  if (lastFragmentNum < 1) r.fail('HEARTBEAT_FRAG.lastFragmentNum', 'is zero', start + 16);
  return {
    kind: 'HEARTBEAT_FRAG',
    littleEndian: r.littleEndian,
    readerId,
    writerId,
    writerSN,
    lastFragmentNum,
    count: r.i32('HEARTBEAT_FRAG.count'),
  };
}

/** Encodes the body (9.4.5.8) in w's byte order and returns the flags for the submessage header. */
export function writeHeartbeatFragBody(w: ByteWriter, m: HeartbeatFrag): number {
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.writerSN);
  w.u32(m.lastFragmentNum).i32(m.count);
  return m.littleEndian ? FLAG_ENDIANNESS : 0;
}
