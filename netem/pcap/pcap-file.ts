import { ByteReader } from '../../rtps/codec/byte-reader.js';
import { ByteWriter } from '../../rtps/codec/byte-writer.js';
import { DecodeError, EncodeError } from '../../rtps/codec/decode-error.js';

/** Classic libpcap file magics, as read in the file's own byte order. */
export const PCAP_MAGIC_MICROS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOS = 0xa1b23c4d;
const PCAPNG_MAGIC = 0x0a0d0d0a;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** One captured frame: timestamp, the bytes captured (a view into the file) and the frame's length on the wire. */
export interface PcapRecord {
  /** Nanoseconds since the Unix epoch (bigint: it exceeds 2^53). */
  readonly timeNs: bigint;
  readonly data: Uint8Array;
  /** Length of the frame on the wire; larger than data.length when the capture truncated it (snaplen). */
  readonly originalLength: number;
}

/** A classic pcap file (https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/). */
export interface PcapFile {
  readonly littleEndian: boolean;
  /** Nanosecond-resolution magic (0xa1b23c4d) rather than microsecond. */
  readonly nanosecond: boolean;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly snapLength: number;
  /** LINKTYPE_* value (low 16 bits of the header's LinkType field; the FCS bits above it are dropped). */
  readonly linkType: number;
  readonly records: readonly PcapRecord[];
}

/**
 * Decodes a classic pcap file of either byte order and timestamp resolution. Frames are views into `bytes`.
 * Throws only DecodeError (pcapng is recognised and rejected by name: convert with `editcap -F pcap`).
 */
export function readPcap(bytes: Uint8Array): PcapFile {
  const r = new ByteReader(bytes, true);
  const raw = r.u32('pcap.magic');
  let littleEndian: boolean;
  let nanosecond: boolean;
  if (raw === PCAP_MAGIC_MICROS || raw === PCAP_MAGIC_NANOS) {
    littleEndian = true;
    nanosecond = raw === PCAP_MAGIC_NANOS;
  } else {
    const swapped = byteSwap32(raw);
    if (swapped === PCAP_MAGIC_MICROS || swapped === PCAP_MAGIC_NANOS) {
      littleEndian = false;
      nanosecond = swapped === PCAP_MAGIC_NANOS;
    } else if (raw === PCAPNG_MAGIC) {
      throw new DecodeError(0, 'pcap.magic', 'pcapng is not supported; convert with `editcap -F pcap`');
    } else {
      throw new DecodeError(0, 'pcap.magic', `not a pcap file (magic 0x${raw.toString(16).padStart(8, '0')})`);
    }
  }
  r.littleEndian = littleEndian;
  const versionMajor = r.u16('pcap.versionMajor');
  const versionMinor = r.u16('pcap.versionMinor');
  r.skip(8, 'pcap.reserved');
  const snapLength = r.u32('pcap.snapLength');
  const linkType = r.u32('pcap.linkType') & 0xffff;
  const fracScale = nanosecond ? 1n : 1000n;
  const records: PcapRecord[] = [];
  for (let i = 0; r.remaining > 0; i++) {
    const field = `pcap.record[${i}]`;
    const seconds = r.u32(`${field}.tsSeconds`);
    const fraction = r.u32(`${field}.tsFraction`);
    const capturedLength = r.u32(`${field}.capturedLength`);
    const originalLength = r.u32(`${field}.originalLength`);
    const data = r.view8(capturedLength, `${field}.data`);
    records.push({ timeNs: BigInt(seconds) * 1_000_000_000n + BigInt(fraction) * fracScale, data, originalLength });
  }
  return { littleEndian, nanosecond, versionMajor, versionMinor, snapLength, linkType, records };
}

/** What writePcap needs: everything but the records is optional (little-endian, microseconds, 2.4, 262144). */
export interface PcapFileInput {
  readonly linkType: number;
  readonly records: readonly { readonly timeNs: bigint; readonly data: Uint8Array; readonly originalLength?: number }[];
  readonly littleEndian?: boolean;
  readonly nanosecond?: boolean;
  readonly snapLength?: number;
}

/** Encodes a classic pcap file; timestamps are truncated to the file's resolution. */
export function writePcap(file: PcapFileInput): Uint8Array {
  const littleEndian = file.littleEndian ?? true;
  const nanosecond = file.nanosecond ?? false;
  const size = FILE_HEADER_BYTES + file.records.reduce((n, rec) => n + RECORD_HEADER_BYTES + rec.data.length, 0);
  const w = new ByteWriter(littleEndian, size);
  w.u32(nanosecond ? PCAP_MAGIC_NANOS : PCAP_MAGIC_MICROS).u16(2).u16(4).u32(0).u32(0);
  w.u32(file.snapLength ?? 262144).u32(file.linkType);
  const perSecond = nanosecond ? 1_000_000_000n : 1_000_000n;
  const fracScale = nanosecond ? 1n : 1000n;
  file.records.forEach((rec, i) => {
    const field = `pcap.record[${i}]`;
    if (rec.timeNs < 0n) throw new EncodeError(`${field}.timeNs`, 'negative timestamp');
    const ticks = rec.timeNs / fracScale;
    const seconds = ticks / perSecond;
    if (seconds > 0xffffffffn) throw new EncodeError(`${field}.timeNs`, 'beyond 2106, does not fit u32 seconds');
    const originalLength = rec.originalLength ?? rec.data.length;
    if (originalLength < rec.data.length) throw new EncodeError(`${field}.originalLength`, 'shorter than the captured data');
    w.u32(Number(seconds)).u32(Number(ticks % perSecond)).u32(rec.data.length).u32(originalLength).bytes(rec.data);
  });
  return w.finish();
}

function byteSwap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
