import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { alignOf, alignUp, encodeFail, type Codec, type XcdrVersion } from './codec.js';
import type { EnumDesc, PrimitiveKind } from './type-desc.js';

interface Prim {
  readonly size: number;
  check(v: unknown): boolean;
  write(w: ByteWriter, v: never): void;
  read(r: ByteReader, path: string): unknown;
  readonly zero: unknown;
}

const int = (lo: number, hi: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const big = (lo: bigint, hi: bigint) => (v: unknown) => typeof v === 'bigint' && v >= lo && v <= hi;

/** Wire sizes and representations of the primitive types (XTypes 7.4.1.1.1, Table 31). */
const PRIMS: Record<PrimitiveKind, Prim> = {
  // Booleans are 0 or 1 on the wire; like Cyclone's normalizer, anything else is rejected as malformed.
  boolean: {
    size: 1,
    check: (v) => typeof v === 'boolean',
    write: (w, v: boolean) => w.u8(v ? 1 : 0),
    read: (r, path) => {
      const b = r.u8(path);
      if (b > 1) r.fail(path, `boolean must be 0 or 1, not ${b}`, r.pos - 1);
      return b === 1;
    },
    zero: false,
  },
  octet: { size: 1, check: int(0, 0xff), write: (w, v: number) => w.u8(v), read: (r, p) => r.u8(p), zero: 0 },
  uint8: { size: 1, check: int(0, 0xff), write: (w, v: number) => w.u8(v), read: (r, p) => r.u8(p), zero: 0 },
  int8: { size: 1, check: int(-0x80, 0x7f), write: (w, v: number) => w.i8(v), read: (r, p) => r.i8(p), zero: 0 },
  char8: {
    size: 1,
    check: (v) => typeof v === 'string' && v.length === 1 && v.charCodeAt(0) <= 0xff,
    write: (w, v: string) => w.u8(v.charCodeAt(0)),
    read: (r, p) => String.fromCharCode(r.u8(p)),
    zero: '\0',
  },
  char16: {
    size: 2,
    check: (v) => typeof v === 'string' && v.length === 1,
    write: (w, v: string) => w.u16(v.charCodeAt(0)),
    read: (r, p) => String.fromCharCode(r.u16(p)),
    zero: '\0',
  },
  int16: { size: 2, check: int(-0x8000, 0x7fff), write: (w, v: number) => w.i16(v), read: (r, p) => r.i16(p), zero: 0 },
  uint16: { size: 2, check: int(0, 0xffff), write: (w, v: number) => w.u16(v), read: (r, p) => r.u16(p), zero: 0 },
  int32: { size: 4, check: int(-0x80000000, 0x7fffffff), write: (w, v: number) => w.i32(v), read: (r, p) => r.i32(p), zero: 0 },
  uint32: { size: 4, check: int(0, 0xffffffff), write: (w, v: number) => w.u32(v), read: (r, p) => r.u32(p), zero: 0 },
  int64: { size: 8, check: big(-(1n << 63n), (1n << 63n) - 1n), write: (w, v: bigint) => w.i64(v), read: (r, p) => r.i64(p), zero: 0n },
  uint64: { size: 8, check: big(0n, (1n << 64n) - 1n), write: (w, v: bigint) => w.u64(v), read: (r, p) => r.u64(p), zero: 0n },
  float32: { size: 4, check: (v) => typeof v === 'number', write: (w, v: number) => w.f32(v), read: (r, p) => r.f32(p), zero: 0 },
  float64: { size: 8, check: (v) => typeof v === 'number', write: (w, v: number) => w.f64(v), read: (r, p) => r.f64(p), zero: 0 },
};

export const primitiveSize = (kind: PrimitiveKind): number => PRIMS[kind].size;

/** Whether `v` is a value of the primitive type `kind` (used to validate union labels). */
export const isPrimitiveValue = (kind: PrimitiveKind, v: unknown): boolean => PRIMS[kind].check(v);

export function primitiveCodec(kind: PrimitiveKind, version: XcdrVersion, path: string): Codec {
  const p = PRIMS[kind];
  const size = p.size;
  const al = alignOf(size, version);
  const write = p.write as (w: ByteWriter, v: unknown) => void;
  const read = p.read;
  const check = p.check;
  return {
    enc(w, v, o) {
      if (!check(v)) encodeFail(path, `${show(v)} is not a ${kind}`);
      if (al > 1) w.align(al, o);
      write(w, v);
    },
    dec(r, o) {
      if (al > 1) r.align(al, o, path);
      return read(r, path) as ReturnType<Codec['dec']>;
    },
    def: () => p.zero as ReturnType<Codec['def']>,
    fixed: size,
    primitive: true,
    min: size,
    maxEnd: (at) => alignUp(at, al) + size,
  };
}

/** Enumerated types are sent as a signed integer of 1, 2 or 4 octets chosen by @bit_bound (XTypes 7.4.3.4.6). */
export function enumSize(bitBound: number): 1 | 2 | 4 {
  return bitBound <= 8 ? 1 : bitBound <= 16 ? 2 : 4;
}

export function enumCodec(type: EnumDesc, version: XcdrVersion, path: string): Codec {
  if (!Number.isInteger(type.bitBound) || type.bitBound < 1 || type.bitBound > 32) throw new Error(`${type.name}: bit bound ${type.bitBound}`);
  if (type.enumerators.length === 0) throw new Error(`${type.name}: an enum needs an enumerator`);
  const size = enumSize(type.bitBound);
  const kind: PrimitiveKind = size === 1 ? 'int8' : size === 2 ? 'int16' : 'int32';
  const values = new Set(type.enumerators.map((e) => e.value));
  for (const v of values) if (!PRIMS[kind].check(v)) throw new Error(`${type.name}: enumerator ${v} does not fit ${type.bitBound} bits`);
  const inner = primitiveCodec(kind, version, path);
  const first = type.enumerators[0]!.value;
  return {
    enc(w, v, o) {
      if (!values.has(v as number)) encodeFail(path, `${show(v)} is not an enumerator of ${type.name}`);
      inner.enc(w, v, o);
    },
    dec(r, o) {
      const at = r.pos;
      const v = inner.dec(r, o) as number;
      if (!values.has(v)) r.fail(path, `${v} is not an enumerator of ${type.name}`, at);
      return v;
    },
    def: () => first,
    fixed: size,
    primitive: false,
    min: size,
    maxEnd: inner.maxEnd,
  };
}

/** A short rendering of an offending value for EncodeError reasons. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  return v === null ? 'null' : typeof v === 'object' ? 'object' : String(v);
}
