/**
 * A growable little/big-endian byte buffer. Endianness is mutable for the same reason as ByteReader's.
 * `finish()` returns a view of the written bytes, not a copy.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;
  littleEndian: boolean;

  constructor(littleEndian = false, initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
    this.littleEndian = littleEndian;
  }

  private reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.reserve(1);
    this.buf[this.pos++] = v;
    return this;
  }

  i8(v: number): this {
    this.reserve(1);
    this.view.setInt8(this.pos++, v);
    return this;
  }

  u16(v: number): this {
    this.reserve(2);
    this.view.setUint16(this.pos, v, this.littleEndian);
    this.pos += 2;
    return this;
  }

  i16(v: number): this {
    this.reserve(2);
    this.view.setInt16(this.pos, v, this.littleEndian);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    this.view.setUint32(this.pos, v, this.littleEndian);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.reserve(4);
    this.view.setInt32(this.pos, v, this.littleEndian);
    this.pos += 4;
    return this;
  }

  u64(v: bigint): this {
    this.reserve(8);
    this.view.setBigUint64(this.pos, v, this.littleEndian);
    this.pos += 8;
    return this;
  }

  i64(v: bigint): this {
    this.reserve(8);
    this.view.setBigInt64(this.pos, v, this.littleEndian);
    this.pos += 8;
    return this;
  }

  f32(v: number): this {
    this.reserve(4);
    this.view.setFloat32(this.pos, v, this.littleEndian);
    this.pos += 4;
    return this;
  }

  f64(v: number): this {
    this.reserve(8);
    this.view.setFloat64(this.pos, v, this.littleEndian);
    this.pos += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.reserve(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Pads with zeros to a multiple of `n` counted from `origin`. */
  align(n: number, origin = 0): this {
    const mis = (this.pos - origin) % n;
    return mis === 0 ? this : this.zeros(n - mis);
  }

  /** Overwrites a u16 already written at `at` (lengths known only after the body is written). */
  patchU16(at: number, v: number, littleEndian = this.littleEndian): void {
    this.view.setUint16(at, v, littleEndian);
  }

  patchU32(at: number, v: number, littleEndian = this.littleEndian): void {
    this.view.setUint32(at, v, littleEndian);
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
