import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { readParameterList, writeParameterList, type Parameter } from '../parameter-list.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** DATA (8.3.7.2, 9.4.5.3). */
export interface Data {
  readonly kind: 'DATA';
  readonly littleEndian: boolean;
  /** Q: inlineQos is present. */
  readonly inlineQosFlag: boolean;
  /** D: serializedPayload holds a data value. */
  readonly dataFlag: boolean;
  /** K: serializedPayload holds a serialized key. */
  readonly keyFlag: boolean;
  /** N: serializedPayload is not in a standard (OMG) format. */
  readonly nonStandardPayloadFlag: boolean;
  /** Reserved by 2.5 (sent as 0); kept so that a re-encode gives the same bytes. */
  readonly extraFlags: number;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly writerSN: SequenceNumber;
  /** Present exactly when inlineQosFlag is set; raw parameters, values are views into the input. */
  readonly inlineQos?: readonly Parameter[];
  /**
   * Present exactly when dataFlag or keyFlag is set: everything after inlineQos up to the end of the
   * submessage, encapsulation header included. A view into the input, never a copy.
   */
  readonly serializedPayload?: Uint8Array;
}

/** Flag bits of this submessage besides E (9.4.5.3). */
export const DATA_FLAG_INLINE_QOS = 0x02;
export const DATA_FLAG_DATA = 0x04;
export const DATA_FLAG_KEY = 0x08;
export const DATA_FLAG_NON_STANDARD_PAYLOAD = 0x10;

/** octetsToInlineQos when nothing follows writerSN but inlineQos/payload (9.4.5.3.2): readerId+writerId+writerSN. */
export const DATA_OCTETS_TO_INLINE_QOS = 16;

/** `end` is the position (in `r`) where the submessage body ends; the payload runs up to it. */
export function readDataBody(r: ByteReader, flags: number, end: number): Data {
  const start = r.pos;
  const littleEndian = r.littleEndian;
  const extraFlags = r.u16('DATA.extraFlags');
  const octetsToInlineQos = r.u16('DATA.octetsToInlineQos');
  const inlineQosAt = r.pos + octetsToInlineQos;
  const readerId = readEntityId(r, 'DATA.readerId');
  const writerId = readEntityId(r, 'DATA.writerId');
  const writerSN = readSequenceNumber(r, 'DATA.writerSN');
  // 8.3.7.2.3: writerSN must be strictly positive; inlineQos cannot start inside the fixed fields.
  if (writerSN < 1n) r.fail('DATA.writerSN', `${writerSN} is not strictly positive`, r.pos - 8);
  if (octetsToInlineQos < DATA_OCTETS_TO_INLINE_QOS) r.fail('DATA.octetsToInlineQos', `${octetsToInlineQos} is below 16`, start + 2);
  const dataFlag = (flags & DATA_FLAG_DATA) !== 0;
  const keyFlag = (flags & DATA_FLAG_KEY) !== 0;
  // 9.4.5.3.1: D=1 together with K=1 is an invalid combination.
  if (dataFlag && keyFlag) r.fail('DATA.flags', 'DataFlag and KeyFlag are both set', start - 3);
  r.skip(inlineQosAt - r.pos, 'DATA.octetsToInlineQos');
  const inlineQosFlag = (flags & DATA_FLAG_INLINE_QOS) !== 0;
  const inlineQos = inlineQosFlag ? readParameterList(r, 'DATA.inlineQos') : undefined;
  const serializedPayload = dataFlag || keyFlag ? r.view8(end - r.pos, 'DATA.serializedPayload') : undefined;
  return {
    kind: 'DATA',
    littleEndian,
    inlineQosFlag,
    dataFlag,
    keyFlag,
    nonStandardPayloadFlag: (flags & DATA_FLAG_NON_STANDARD_PAYLOAD) !== 0,
    extraFlags,
    readerId,
    writerId,
    writerSN,
    inlineQos,
    serializedPayload,
  };
}

/** Encodes the body (9.4.5.3) in w's byte order and returns the flags for the submessage header. */
export function writeDataBody(w: ByteWriter, m: Data): number {
  if (m.inlineQosFlag !== (m.inlineQos !== undefined)) {
    throw new EncodeError('DATA.inlineQos', 'must be present exactly when inlineQosFlag is set');
  }
  if ((m.dataFlag || m.keyFlag) !== (m.serializedPayload !== undefined)) {
    throw new EncodeError('DATA.serializedPayload', 'must be present exactly when dataFlag or keyFlag is set');
  }
  w.u16(m.extraFlags).u16(DATA_OCTETS_TO_INLINE_QOS);
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.writerSN);
  if (m.inlineQos !== undefined) writeParameterList(w, m.inlineQos);
  if (m.serializedPayload !== undefined) w.bytes(m.serializedPayload);
  return (
    (m.littleEndian ? FLAG_ENDIANNESS : 0) |
    (m.inlineQosFlag ? DATA_FLAG_INLINE_QOS : 0) |
    (m.dataFlag ? DATA_FLAG_DATA : 0) |
    (m.keyFlag ? DATA_FLAG_KEY : 0) |
    (m.nonStandardPayloadFlag ? DATA_FLAG_NON_STANDARD_PAYLOAD : 0)
  );
}
