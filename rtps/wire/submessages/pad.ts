import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** PAD (8.3.7.12, 9.4.5.6): padding for alignment; its contents mean nothing. */
export interface Pad {
  readonly kind: 'PAD';
  readonly littleEndian: boolean;
  /** The padding octets as received (a view), so that a re-encode gives the same bytes. */
  readonly padding: Uint8Array;
}

/** `end` is the position (in `r`) where the submessage body ends; the payload runs up to it. */
export function readPadBody(r: ByteReader, end: number): Pad {
  return { kind: 'PAD', littleEndian: r.littleEndian, padding: r.view8(end - r.pos, 'PAD.padding') };
}

/** Encodes the body (9.4.5.6) in w's byte order and returns the flags for the submessage header. */
export function writePadBody(w: ByteWriter, m: Pad): number {
  w.bytes(m.padding);
  return m.littleEndian ? FLAG_ENDIANNESS : 0;
}
