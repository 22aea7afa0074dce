import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { readGuidPrefix, writeGuidPrefix, type GuidPrefix } from '../types/guid.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';

/** The RTPS message Header (8.3.3.1, 9.4.4): 'RTPS', ProtocolVersion, VendorId, GuidPrefix. */
export interface Header {
  readonly protocolVersion: ProtocolVersion;
  readonly vendorId: VendorId;
  readonly guidPrefix: GuidPrefix;
}

/** Octets in the Header (9.4.4). */
export const RTPS_HEADER_SIZE = 20;
/** The highest major version this implementation understands (8.3.4.1: a higher one invalidates the message). */
export const PROTOCOL_VERSION_MAJOR_SUPPORTED = 2;

const MAGIC = [0x52, 0x54, 0x50, 0x53]; // 'RTPS'

/** Reads and validates the header (8.3.4.1): too short, wrong protocol or a newer major version is an error. */
export function readHeader(r: ByteReader): Header {
  r.need(RTPS_HEADER_SIZE, 'Header');
  for (let i = 0; i < 4; i++) {
    if (r.u8('Header.protocol') !== MAGIC[i]) r.fail('Header.protocol', 'is not "RTPS"', 0);
  }
  const major = r.u8('Header.protocolVersion.major');
  const minor = r.u8('Header.protocolVersion.minor');
  if (major > PROTOCOL_VERSION_MAJOR_SUPPORTED) {
    r.fail('Header.protocolVersion.major', `${major} is newer than the supported ${PROTOCOL_VERSION_MAJOR_SUPPORTED}`, 4);
  }
  const vendorHigh = r.u8('Header.vendorId');
  const vendorId = (vendorHigh << 8) | r.u8('Header.vendorId');
  return { protocolVersion: { major, minor }, vendorId, guidPrefix: readGuidPrefix(r, 'Header.guidPrefix') };
}

/** Encodes the Header (9.4.4). */
export function writeHeader(w: ByteWriter, h: Header): void {
  w.bytes(Uint8Array.from(MAGIC)).u8(h.protocolVersion.major).u8(h.protocolVersion.minor);
  w.u8((h.vendorId >> 8) & 0xff).u8(h.vendorId & 0xff);
  writeGuidPrefix(w, h.guidPrefix);
}
