import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/**
 * A submessage this codec does not interpret (8.3.4.1: unknown ids are skipped, vendor ids 0x80-0xff mean
 * what the sender's vendor says): SEC_*, HEADER_EXTENSION, vendor-specific, future ids. Kept verbatim.
 */
export interface UnknownSubmessage {
  readonly kind: 'UNKNOWN';
  /** Mirrors bit 0 of `flags`; `flags` is what is encoded. */
  readonly littleEndian: boolean;
  readonly id: number;
  /** All eight flag bits as received. */
  readonly flags: number;
  /** The body (a view into the input). */
  readonly body: Uint8Array;
}

/** `end` is the position (in `r`) where the submessage body ends; the payload runs up to it. */
export function readUnknownBody(r: ByteReader, id: number, flags: number, end: number): UnknownSubmessage {
  return { kind: 'UNKNOWN', littleEndian: (flags & FLAG_ENDIANNESS) !== 0, id, flags, body: r.view8(end - r.pos, 'UNKNOWN.body') };
}

/** Encodes the body (8.3.4.1) in w's byte order and returns the flags for the submessage header. */
export function writeUnknownBody(w: ByteWriter, m: UnknownSubmessage): number {
  w.bytes(m.body);
  return m.flags & 0xff;
}
