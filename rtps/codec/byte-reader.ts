import { DecodeError } from './decode-error.js';

/**
 * A bounds-checked cursor over bytes. Every read names its field so that a short or malformed input
 * becomes a DecodeError carrying the absolute offset and the field, never a RangeError.
 * Endianness is mutable because RTPS switches it per submessage (the E flag, 9.4.5.1.1).
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** Absolute offset of bytes[0] within the outermost buffer, for error messages. */
  readonly base: number;
  pos = 0;
  littleEndian: boolean;

  constructor(bytes: Uint8Array, littleEndian = false, base = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.littleEndian = littleEndian;
    this.base = base;
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  get absolutePos(): number {
    return this.base + this.pos;
  }

  fail(field: string, reason: string, at: number = this.pos): never {
    throw new DecodeError(this.base + at, field, reason);
  }

  need(n: number, field: string): void {
    if (n > this.bytes.length - this.pos) {
      this.fail(field, `needs ${n} bytes, ${this.bytes.length - this.pos} left`);
    }
  }

  /**
   * Guards an allocation driven by a count read from the wire: `count` elements of at least
   * `minBytesEach` bytes must fit in what is left, so a length of 4 000 000 000 is an error, not an array.
   * `at` is where the count itself was read, for the error's offset.
   */
  checkCount(count: number, minBytesEach: number, field: string, at: number = this.pos): void {
    if (count < 0 || !Number.isInteger(count)) this.fail(field, `invalid count ${count}`, at);
    if (count * Math.max(minBytesEach, 0) > this.remaining) {
      this.fail(field, `count ${count} cannot fit in the ${this.remaining} bytes left`, at);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++]!;
  }

  i8(field: string): number {
    this.need(1, field);
    return this.view.getInt8(this.pos++);
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.view.getUint16(this.pos, this.littleEndian);
    this.pos += 2;
    return v;
  }

  i16(field: string): number {
    this.need(2, field);
    const v = this.view.getInt16(this.pos, this.littleEndian);
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = this.view.getUint32(this.pos, this.littleEndian);
    this.pos += 4;
    return v;
  }

  i32(field: string): number {
    this.need(4, field);
    const v = this.view.getInt32(this.pos, this.littleEndian);
    this.pos += 4;
    return v;
  }

  u64(field: string): bigint {
    this.need(8, field);
    const v = this.view.getBigUint64(this.pos, this.littleEndian);
    this.pos += 8;
    return v;
  }

  i64(field: string): bigint {
    this.need(8, field);
    const v = this.view.getBigInt64(this.pos, this.littleEndian);
    this.pos += 8;
    return v;
  }

  f32(field: string): number {
    this.need(4, field);
    const v = this.view.getFloat32(this.pos, this.littleEndian);
    this.pos += 4;
    return v;
  }

  f64(field: string): number {
    this.need(8, field);
    const v = this.view.getFloat64(this.pos, this.littleEndian);
    this.pos += 8;
    return v;
  }

  /** The next `n` bytes as a view into the input: no copy. */
  view8(n: number, field: string): Uint8Array {
    if (n < 0) this.fail(field, `negative length ${n}`);
    this.need(n, field);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The next `n` bytes copied, for small values kept beyond the input's life (GUID prefixes, addresses). */
  copy8(n: number, field: string): Uint8Array {
    return this.view8(n, field).slice();
  }

  skip(n: number, field: string): void {
    if (n < 0) this.fail(field, `negative length ${n}`);
    this.need(n, field);
    this.pos += n;
  }

  /** Advances to a multiple of `n` counted from `origin` (CDR aligns relative to the payload start). */
  align(n: number, origin = 0, field = 'alignment'): void {
    const mis = (this.pos - origin) % n;
    if (mis !== 0) this.skip(n - mis, field);
  }

  /** A reader over the next `n` bytes (advancing past them), keeping absolute offsets in its errors. */
  sub(n: number, field: string): ByteReader {
    const bytes = this.view8(n, field);
    return new ByteReader(bytes, this.littleEndian, this.base + this.pos - n);
  }
}
