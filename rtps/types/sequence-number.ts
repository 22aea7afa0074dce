import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** SequenceNumber_t (9.3.2): a signed 64-bit count, on the wire as {int32 high, uint32 low}. */
export type SequenceNumber = bigint;

export const SEQUENCENUMBER_UNKNOWN: SequenceNumber = -(1n << 32n);
export const SEQUENCENUMBER_MAX: SequenceNumber = (1n << 63n) - 1n;
export const SEQUENCENUMBER_MIN: SequenceNumber = -(1n << 63n);

export function readSequenceNumber(r: ByteReader, field: string): SequenceNumber {
  const high = r.i32(field);
  const low = r.u32(field);
  return high === 0 ? BigInt(low) : (BigInt(high) << 32n) | BigInt(low);
}

export function writeSequenceNumber(w: ByteWriter, sn: SequenceNumber): void {
  if (sn >= 0n && sn <= 0xffffffffn) {
    w.i32(0).u32(Number(sn));
    return;
  }
  w.i32(Number(BigInt.asIntN(32, sn >> 32n)));
  w.u32(Number(sn & 0xffffffffn));
}
