import { ByteReader } from '../codec/byte-reader.js';
import { ByteWriter } from '../codec/byte-writer.js';
import { EncodeError } from '../codec/decode-error.js';
import type { XcdrVersion } from './codec.js';
import { codecFor } from './compile.js';
import { Encapsulation, describeEncapsulation, readEncapsulation, writeEncapsulation, type EncapsulationId } from './encapsulation.js';
import type { CdrValue, TypeDesc } from './type-desc.js';

export type { XcdrVersion } from './codec.js';

export interface XcdrOptions {
  readonly version: XcdrVersion;
  readonly littleEndian: boolean;
}

/** Last encoded size per type: the next writer starts that big, so a 50 000-octet sample does not regrow its buffer. */
const sizeHints = new WeakMap<TypeDesc, number>();

/** Serializes a value as an XCDR1 or XCDR2 body (XTypes 7.4), without encapsulation header; alignment origin is octet 0. */
export function encodeXcdr(type: TypeDesc, value: unknown, options: XcdrOptions): Uint8Array {
  const w = new ByteWriter(options.littleEndian, sizeHints.get(type) ?? 256);
  codecFor(type, options.version).enc(w, value, 0);
  sizeHints.set(type, w.pos);
  return w.finish();
}

/**
 * Decodes an XCDR body. `baseOffset` is the absolute offset of `bytes[0]` in the enclosing message, for errors.
 * Octet sequences and arrays in the result are views into `bytes`. Trailing octets after the value are ignored.
 */
export function decodeXcdr(type: TypeDesc, bytes: Uint8Array, options: XcdrOptions, baseOffset = 0): CdrValue {
  return codecFor(type, options.version).dec(new ByteReader(bytes, options.littleEndian, baseOffset), 0);
}

/**
 * The encapsulation XTypes 7.6.3.1.2 assigns to a type's top level: XCDR1 uses PL_CDR for mutable types and
 * CDR otherwise; XCDR2 uses PL_CDR2 for mutable, D_CDR2 for appendable, CDR2 for final (and non-aggregated) types.
 */
export function encapsulationFor(type: TypeDesc, version: XcdrVersion, littleEndian: boolean): EncapsulationId {
  const ext = type.kind === 'struct' || type.kind === 'union' ? type.extensibility : 'final';
  const be =
    version === 1
      ? ext === 'mutable'
        ? Encapsulation.PL_CDR_BE
        : Encapsulation.CDR_BE
      : ext === 'mutable'
        ? Encapsulation.PL_CDR2_BE
        : ext === 'appendable'
          ? Encapsulation.D_CDR2_BE
          : Encapsulation.CDR2_BE;
  return (be | (littleEndian ? 1 : 0)) as EncapsulationId;
}

/**
 * A SerializedPayload (RTPS 10.2, XTypes 7.6.3.1.2): 4-octet encapsulation header then the body, padded with
 * zeros to a multiple of 4 octets, the padding count going in the two low bits of the options.
 * The encapsulation must be the one encapsulationFor gives for this type, version and endianness.
 */
export function serializePayload(type: TypeDesc, value: unknown, encapsulation: EncapsulationId): Uint8Array {
  const w = new ByteWriter(false, (sizeHints.get(type) ?? 252) + 8);
  writeSerializedPayload(w, type, value, encapsulation);
  return w.finish();
}

/**
 * serializePayload straight into an existing writer (e.g. the one building a DATA submessage), so a large
 * sample is not copied twice. The writer's endianness is restored afterwards.
 */
export function writeSerializedPayload(w: ByteWriter, type: TypeDesc, value: unknown, encapsulation: EncapsulationId): void {
  const info = describeEncapsulation(encapsulation);
  const expected = encapsulationFor(type, info.xcdrVersion, info.littleEndian);
  if (expected !== encapsulation) {
    throw new EncodeError('encapsulation', `0x${encapsulation.toString(16).padStart(4, '0')} does not fit this type; use 0x${expected.toString(16).padStart(4, '0')}`);
  }
  const outer = w.littleEndian;
  const header = w.pos;
  writeEncapsulation(w, encapsulation, 0);
  w.littleEndian = info.littleEndian;
  try {
    codecFor(type, info.xcdrVersion).enc(w, value, header + 4);
  } finally {
    w.littleEndian = outer;
  }
  const bodyLength = w.pos - header - 4;
  sizeHints.set(type, bodyLength);
  const padding = (4 - (bodyLength % 4)) % 4;
  w.zeros(padding);
  w.patchU16(header + 2, padding, false);
}

/**
 * Decodes a SerializedPayload: the encapsulation header picks XCDR version and endianness (PL_CDR vs CDR needs
 * no choosing, the type says whether members carry headers); padding announced in the options is dropped.
 * `baseOffset` is the absolute offset of `bytes[0]`, for errors.
 */
export function deserializePayload(type: TypeDesc, bytes: Uint8Array, baseOffset = 0): CdrValue {
  const padding = bytes.length >= 4 ? bytes[3]! & 3 : 0;
  const r = new ByteReader(padding > bytes.length - 4 ? bytes : bytes.subarray(0, bytes.length - padding), false, baseOffset);
  const info = readEncapsulation(r, 'encapsulation');
  if (padding > bytes.length - 4) r.fail('encapsulation.options', `${padding} padding octets but a ${bytes.length - 4}-octet body`, 2);
  r.littleEndian = info.littleEndian;
  return codecFor(type, info.xcdrVersion).dec(r, 4);
}
