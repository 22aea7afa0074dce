import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readFragmentNumberSet, writeFragmentNumberSet, type FragmentNumberSet } from '../../types/number-set.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** NACK_FRAG (8.3.7.10, 9.4.5.13). */
export interface NackFrag {
  readonly kind: 'NACK_FRAG';
  readonly littleEndian: boolean;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly writerSN: SequenceNumber;
  readonly fragmentNumberState: FragmentNumberSet;
  /** Count_t (a signed long). */
  readonly count: number;
}

/** Decodes the body (9.4.5.13) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readNackFragBody(r: ByteReader): NackFrag {
  const start = r.pos;
  const readerId = readEntityId(r, 'NACK_FRAG.readerId');
  const writerId = readEntityId(r, 'NACK_FRAG.writerId');
  const writerSN = readSequenceNumber(r, 'NACK_FRAG.writerSN');
  // 8.3.7.10.3: writerSN strictly positive (the set's validity is checked by its reader).
  if (writerSN < 1n) r.fail('NACK_FRAG.writerSN', `${writerSN} is not strictly positive`, start + 8);
  return {
    kind: 'NACK_FRAG',
    littleEndian: r.littleEndian,
    readerId,
    writerId,
    writerSN,
    fragmentNumberState: readFragmentNumberSet(r, 'NACK_FRAG.fragmentNumberState'),
    count: r.i32('NACK_FRAG.count'),
  };
}

/** Encodes the body (9.4.5.13) in w's byte order and returns the flags for the submessage header. */
export function writeNackFragBody(w: ByteWriter, m: NackFrag): number {
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.writerSN);
  writeFragmentNumberSet(w, m.fragmentNumberState);
  w.i32(m.count);
  return m.littleEndian ? FLAG_ENDIANNESS : 0;
}
