import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { readGuidPrefix, writeGuidPrefix, type GuidPrefix } from '../../types/guid.js';
import type { ProtocolVersion, VendorId } from '../../types/version.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** INFO_SRC (8.3.7.9, 9.4.5.11). */
export interface InfoSource {
  readonly kind: 'INFO_SRC';
  readonly littleEndian: boolean;
  /** Sent as 0; kept so that a re-encode gives the same bytes. */
  readonly unused: number;
  readonly protocolVersion: ProtocolVersion;
  readonly vendorId: VendorId;
  readonly guidPrefix: GuidPrefix;
}

/** Decodes the body (9.4.5.11) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readInfoSourceBody(r: ByteReader): InfoSource {
  const unused = r.u32('INFO_SRC.unused');
  const major = r.u8('INFO_SRC.protocolVersion.major');
  const minor = r.u8('INFO_SRC.protocolVersion.minor');
  const vendorHigh = r.u8('INFO_SRC.vendorId');
  const vendorId = (vendorHigh << 8) | r.u8('INFO_SRC.vendorId');
  return {
    kind: 'INFO_SRC',
    littleEndian: r.littleEndian,
    unused,
    protocolVersion: { major, minor },
    vendorId,
    guidPrefix: readGuidPrefix(r, 'INFO_SRC.guidPrefix'),
  };
}

/** Encodes the body (9.4.5.11) in w's byte order and returns the flags for the submessage header. */
export function writeInfoSourceBody(w: ByteWriter, m: InfoSource): number {
  w.u32(m.unused).u8(m.protocolVersion.major).u8(m.protocolVersion.minor);
  w.u8((m.vendorId >> 8) & 0xff).u8(m.vendorId & 0xff);
  writeGuidPrefix(w, m.guidPrefix);
  return m.littleEndian ? FLAG_ENDIANNESS : 0;
}
