import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from './sequence-number.js';

/** The most bits a SequenceNumberSet or FragmentNumberSet may carry (9.4.2.6, 9.4.2.8). */
export const NUMBER_SET_MAX_BITS = 256;

/**
 * SequenceNumberSet (8.3.5.5, 9.4.2.6): a base and a bitmap of up to 256 bits, most significant bit of
 * word 0 standing for the base. The bitmap is kept as sent, so re-encoding gives the same bytes.
 */
export interface SequenceNumberSet {
  readonly bitmapBase: SequenceNumber;
  readonly numBits: number;
  /** ceil(numBits / 32) words. */
  readonly bitmap: Uint32Array;
}

/** FragmentNumberSet (8.3.5.6, 9.4.2.8): as SequenceNumberSet, over 32-bit fragment numbers (first is 1). */
export interface FragmentNumberSet {
  readonly bitmapBase: number;
  readonly numBits: number;
  readonly bitmap: Uint32Array;
}

function bitIsSet(bitmap: Uint32Array, i: number): boolean {
  return ((bitmap[i >>> 5]! >>> (31 - (i & 31))) & 1) === 1;
}

function buildBitmap(numBits: number, offsets: Iterable<number>): Uint32Array {
  const bitmap = new Uint32Array((numBits + 31) >>> 5);
  for (const i of offsets) {
    if (i < 0 || i >= numBits) throw new RangeError(`offset ${i} outside a ${numBits}-bit set`);
    bitmap[i >>> 5]! |= 1 << (31 - (i & 31));
  }
  return bitmap;
}

// Field names are concatenated only on the failure path: these readers sit on the ACKNACK/GAP/NACK_FRAG hot path.
function readNumBits(r: ByteReader, field: string): number {
  const numBits = r.u32(field);
  if (numBits > NUMBER_SET_MAX_BITS) r.fail(field + '.numBits', `${numBits} exceeds ${NUMBER_SET_MAX_BITS}`, r.pos - 4);
  return numBits;
}

function readBitmapWords(r: ByteReader, numBits: number, field: string): Uint32Array {
  const words = (numBits + 31) >>> 5;
  if (words * 4 > r.remaining) r.fail(field + '.bitmap', `needs ${words * 4} bytes, ${r.remaining} left`);
  const bitmap = new Uint32Array(words);
  for (let i = 0; i < words; i++) bitmap[i] = r.u32(field);
  return bitmap;
}

function writeBitmap(w: ByteWriter, numBits: number, bitmap: Uint32Array): void {
  const words = (numBits + 31) >>> 5;
  w.u32(numBits);
  for (let i = 0; i < words; i++) w.u32(bitmap[i] ?? 0);
}

export function readSequenceNumberSet(r: ByteReader, field: string): SequenceNumberSet {
  const at = r.pos;
  const bitmapBase = readSequenceNumber(r, field);
  // 8.3.5.5: a set is invalid if its base is below 1 or it holds more than 256 bits.
  if (bitmapBase < 1n) r.fail(field + '.bitmapBase', `${bitmapBase} is below 1`, at);
  const numBits = readNumBits(r, field);
  return { bitmapBase, numBits, bitmap: readBitmapWords(r, numBits, field) };
}

export function writeSequenceNumberSet(w: ByteWriter, s: SequenceNumberSet): void {
  writeSequenceNumber(w, s.bitmapBase);
  writeBitmap(w, s.numBits, s.bitmap);
}

export function readFragmentNumberSet(r: ByteReader, field: string): FragmentNumberSet {
  const at = r.pos;
  const bitmapBase = r.u32(field);
  if (bitmapBase < 1) r.fail(field + '.bitmapBase', `${bitmapBase} is below 1`, at);
  const numBits = readNumBits(r, field);
  return { bitmapBase, numBits, bitmap: readBitmapWords(r, numBits, field) };
}

export function writeFragmentNumberSet(w: ByteWriter, s: FragmentNumberSet): void {
  w.u32(s.bitmapBase);
  writeBitmap(w, s.numBits, s.bitmap);
}

export function sequenceNumberSet(bitmapBase: SequenceNumber, members: Iterable<SequenceNumber>, numBits?: number): SequenceNumberSet {
  const offsets = [...members].map((sn) => Number(sn - bitmapBase));
  const bits = numBits ?? (offsets.length === 0 ? 0 : Math.max(...offsets) + 1);
  return { bitmapBase, numBits: bits, bitmap: buildBitmap(bits, offsets) };
}

export function fragmentNumberSet(bitmapBase: number, members: Iterable<number>, numBits?: number): FragmentNumberSet {
  const offsets = [...members].map((fn) => fn - bitmapBase);
  const bits = numBits ?? (offsets.length === 0 ? 0 : Math.max(...offsets) + 1);
  return { bitmapBase, numBits: bits, bitmap: buildBitmap(bits, offsets) };
}

export function sequenceNumberSetMembers(s: SequenceNumberSet): SequenceNumber[] {
  const out: SequenceNumber[] = [];
  for (let i = 0; i < s.numBits; i++) if (bitIsSet(s.bitmap, i)) out.push(s.bitmapBase + BigInt(i));
  return out;
}

export function fragmentNumberSetMembers(s: FragmentNumberSet): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.numBits; i++) if (bitIsSet(s.bitmap, i)) out.push(s.bitmapBase + i);
  return out;
}

export function sequenceNumberSetHas(s: SequenceNumberSet, sn: SequenceNumber): boolean {
  const d = sn - s.bitmapBase;
  return d >= 0n && d < BigInt(s.numBits) && bitIsSet(s.bitmap, Number(d));
}
