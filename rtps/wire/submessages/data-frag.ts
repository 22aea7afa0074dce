import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { readParameterList, writeParameterList, type Parameter } from '../parameter-list.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** DATA_FRAG (8.3.7.3, 9.4.5.4). */
export interface DataFrag {
  readonly kind: 'DATA_FRAG';
  readonly littleEndian: boolean;
  /** Q: inlineQos is present. */
  readonly inlineQosFlag: boolean;
  /** K: the fragments are of a serialized key rather than of data. */
  readonly keyFlag: boolean;
  /** N: the payload is not in a standard (OMG) format. */
  readonly nonStandardPayloadFlag: boolean;
  /** Reserved by 2.5 (sent as 0); kept so that a re-encode gives the same bytes. */
  readonly extraFlags: number;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly writerSN: SequenceNumber;
  /** FragmentNumber_t of the first fragment carried, counting from 1. */
  readonly fragmentStartingNum: number;
  readonly fragmentsInSubmessage: number;
  readonly fragmentSize: number;
  readonly sampleSize: number;
  /** Present exactly when inlineQosFlag is set. */
  readonly inlineQos?: readonly Parameter[];
  /** The fragments' bytes: everything after inlineQos to the end of the submessage. A view, never a copy. */
  readonly serializedPayload: Uint8Array;
}

/** Flag bits of this submessage besides E (9.4.5.4). */
export const DATA_FRAG_FLAG_INLINE_QOS = 0x02;
export const DATA_FRAG_FLAG_KEY = 0x04;
export const DATA_FRAG_FLAG_NON_STANDARD_PAYLOAD = 0x08;

/** readerId+writerId+writerSN+fragmentStartingNum+fragmentsInSubmessage+fragmentSize+sampleSize (9.4.5.4). */
export const DATA_FRAG_OCTETS_TO_INLINE_QOS = 28;

/** `end` is the position (in `r`) where the submessage body ends; the payload runs up to it. */
export function readDataFragBody(r: ByteReader, flags: number, end: number): DataFrag {
  const start = r.pos;
  const littleEndian = r.littleEndian;
  const extraFlags = r.u16('DATA_FRAG.extraFlags');
  const octetsToInlineQos = r.u16('DATA_FRAG.octetsToInlineQos');
  const inlineQosAt = r.pos + octetsToInlineQos;
  const readerId = readEntityId(r, 'DATA_FRAG.readerId');
  const writerId = readEntityId(r, 'DATA_FRAG.writerId');
  const writerSN = readSequenceNumber(r, 'DATA_FRAG.writerSN');
  const fragmentStartingNum = r.u32('DATA_FRAG.fragmentStartingNum');
  const fragmentsInSubmessage = r.u16('DATA_FRAG.fragmentsInSubmessage');
  const fragmentSize = r.u16('DATA_FRAG.fragmentSize');
  const sampleSize = r.u32('DATA_FRAG.sampleSize');
  // Validity (8.3.7.3.3).
  if (writerSN < 1n) r.fail('DATA_FRAG.writerSN', `${writerSN} is not strictly positive`, start + 12);
  if (octetsToInlineQos < DATA_FRAG_OCTETS_TO_INLINE_QOS) {
    r.fail('DATA_FRAG.octetsToInlineQos', `${octetsToInlineQos} is below ${DATA_FRAG_OCTETS_TO_INLINE_QOS}`, start + 2);
  }
  if (fragmentSize === 0 || fragmentSize > sampleSize) {
    r.fail('DATA_FRAG.fragmentSize', `${fragmentSize} is zero or exceeds sampleSize ${sampleSize}`, start + 26);
  }
  if (fragmentStartingNum < 1 || fragmentStartingNum > Math.ceil(sampleSize / fragmentSize)) {
    r.fail('DATA_FRAG.fragmentStartingNum', `${fragmentStartingNum} is outside 1..${Math.ceil(sampleSize / fragmentSize)}`, start + 20);
  }
  r.skip(inlineQosAt - r.pos, 'DATA_FRAG.octetsToInlineQos');
  const inlineQosFlag = (flags & DATA_FRAG_FLAG_INLINE_QOS) !== 0;
  const inlineQos = inlineQosFlag ? readParameterList(r, 'DATA_FRAG.inlineQos') : undefined;
  return {
    kind: 'DATA_FRAG',
    littleEndian,
    inlineQosFlag,
    keyFlag: (flags & DATA_FRAG_FLAG_KEY) !== 0,
    nonStandardPayloadFlag: (flags & DATA_FRAG_FLAG_NON_STANDARD_PAYLOAD) !== 0,
    extraFlags,
    readerId,
    writerId,
    writerSN,
    fragmentStartingNum,
    fragmentsInSubmessage,
    fragmentSize,
    sampleSize,
    inlineQos,
    serializedPayload: r.view8(end - r.pos, 'DATA_FRAG.serializedPayload'),
  };
}

/** Encodes the body (9.4.5.4) in w's byte order and returns the flags for the submessage header. */
export function writeDataFragBody(w: ByteWriter, m: DataFrag): number {
  if (m.inlineQosFlag !== (m.inlineQos !== undefined)) {
    throw new EncodeError('DATA_FRAG.inlineQos', 'must be present exactly when inlineQosFlag is set');
  }
  w.u16(m.extraFlags).u16(DATA_FRAG_OCTETS_TO_INLINE_QOS);
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.writerSN);
  w.u32(m.fragmentStartingNum).u16(m.fragmentsInSubmessage).u16(m.fragmentSize).u32(m.sampleSize);
  if (m.inlineQos !== undefined) writeParameterList(w, m.inlineQos);
  w.bytes(m.serializedPayload);
  return (
    (m.littleEndian ? FLAG_ENDIANNESS : 0) |
    (m.inlineQosFlag ? DATA_FRAG_FLAG_INLINE_QOS : 0) |
    (m.keyFlag ? DATA_FRAG_FLAG_KEY : 0) |
    (m.nonStandardPayloadFlag ? DATA_FRAG_FLAG_NON_STANDARD_PAYLOAD : 0)
  );
}
