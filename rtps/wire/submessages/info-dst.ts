import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { readGuidPrefix, writeGuidPrefix, type GuidPrefix } from '../../types/guid.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** INFO_DST (8.3.7.7, 9.4.5.9). */
export interface InfoDestination {
  readonly kind: 'INFO_DST';
  readonly littleEndian: boolean;
  /** GUIDPREFIX_UNKNOWN means "the participant receiving this message" (8.3.7.7.4). */
  readonly guidPrefix: GuidPrefix;
}

/** Decodes the body (9.4.5.9) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readInfoDestinationBody(r: ByteReader): InfoDestination {
  return { kind: 'INFO_DST', littleEndian: r.littleEndian, guidPrefix: readGuidPrefix(r, 'INFO_DST.guidPrefix') };
}

/** Encodes the body (9.4.5.9) in w's byte order and returns the flags for the submessage header. */
export function writeInfoDestinationBody(w: ByteWriter, m: InfoDestination): number {
  writeGuidPrefix(w, m.guidPrefix);
  return m.littleEndian ? FLAG_ENDIANNESS : 0;
}
