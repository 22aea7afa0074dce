import { alignUp, beginDheader, encodeFail, endDheader, originIn, readDheader, type Codec, type XcdrVersion } from './codec.js';
import { show } from './primitive-codec.js';
import type { ArrayDesc, CdrValue, SequenceDesc, StringDesc, TypeDesc } from './type-desc.js';

/** Compiles a nested type for the same XCDR version (passed in so that codec modules do not import each other in a cycle). */
export type Compile = (type: TypeDesc, path: string) => Codec;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * string<N> (XTypes 7.4.1.1.6 / 7.4.2): u32 length counting the terminating NUL, the UTF-8 octets, the NUL.
 * A string holding NUL cannot be sent (C peers would truncate it). A length of 0 (no terminator at all) is
 * accepted on decode as the empty string, as lenient peers do; it is never sent.
 */
export function stringCodec(type: StringDesc, path: string): Codec {
  const bound = checkBound(type.bound, path);
  const lengthPath = `${path}.length`;
  return {
    enc(w, v, o) {
      if (typeof v !== 'string') encodeFail(path, `${show(v)} is not a string`);
      if (LONE_SURROGATE.test(v)) encodeFail(path, 'a lone surrogate has no UTF-8 encoding');
      const bytes = utf8Encoder.encode(v);
      if (bound !== undefined && bytes.length > bound) encodeFail(path, `${bytes.length} octets exceed the bound ${bound}`);
      if (bytes.includes(0)) encodeFail(path, 'a CDR string cannot hold NUL');
      w.align(4, o);
      w.u32(bytes.length + 1).bytes(bytes).u8(0);
    },
    dec(r, o) {
      r.align(4, o, lengthPath);
      const n = r.u32(lengthPath);
      if (n === 0) return '';
      if (bound !== undefined && n - 1 > bound) r.fail(lengthPath, `${n - 1} octets exceed the bound ${bound}`, r.pos - 4);
      const at = r.pos;
      const all = r.view8(n, path);
      if (all[n - 1] !== 0) r.fail(path, 'string is not NUL-terminated', at + n - 1);
      const body = all.subarray(0, n - 1);
      const nul = body.indexOf(0);
      if (nul >= 0) r.fail(path, 'NUL inside a string', at + nul);
      try {
        return utf8Decoder.decode(body);
      } catch {
        return r.fail(path, 'invalid UTF-8', at);
      }
    },
    def: () => '',
    fixed: 0,
    primitive: false,
    min: 4,
    maxEnd: (at) => (bound === undefined ? Infinity : alignUp(at, 4) + 4 + bound + 1),
  };
}

function checkBound(bound: number | undefined, path: string): number | undefined {
  if (bound !== undefined && (!Number.isInteger(bound) || bound < 0 || bound > 0xffffffff)) throw new Error(`${path}: invalid bound ${bound}`);
  return bound;
}

const isOctet = (t: TypeDesc): boolean => t.kind === 'octet' || t.kind === 'uint8';

/** Repeats `elem.maxEnd` `count` times, stopping early once unbounded. */
function maxEndRepeated(elem: Codec, at: number, count: number): number {
  let end = at;
  for (let i = 0; i < count && end !== Infinity; i++) end = elem.maxEnd(end);
  return end;
}

/**
 * sequence<T, N> (7.4.1.1.7 / 7.4.3.5.2): u32 length then the elements; in XCDR2 a DHEADER comes first when
 * T is not a primitive type (enums included, as in Cyclone DDS). Octet sequences are copied in one call
 * and decoded as a view into the input.
 */
export function sequenceCodec(type: SequenceDesc, version: XcdrVersion, path: string, compile: Compile): Codec {
  const elem = compile(type.element, `${path}[]`);
  const octets = isOctet(type.element);
  const bound = checkBound(type.bound, path);
  const dheader = version === 2 && !elem.primitive;
  const lengthPath = `${path}.length`;
  const perElement = Math.max(1, elem.min);
  return {
    enc(w, v, o) {
      if (octets ? !(v instanceof Uint8Array) : !Array.isArray(v)) encodeFail(path, `${show(v)} is not ${octets ? 'a Uint8Array' : 'an array'}`);
      const items = v as Uint8Array | readonly unknown[];
      if (bound !== undefined && items.length > bound) encodeFail(path, `${items.length} elements exceed the bound ${bound}`);
      const start = dheader ? beginDheader(w, o) : 0;
      w.align(4, o);
      w.u32(items.length);
      if (octets) w.bytes(items as Uint8Array);
      else for (let i = 0; i < items.length; i++) elem.enc(w, items[i], o);
      if (dheader) endDheader(w, start);
    },
    dec(r, o) {
      const sr = dheader ? readDheader(r, o, path) : r;
      const so = dheader ? originIn(sr, r, o) : o;
      sr.align(4, so, lengthPath);
      const n = sr.u32(lengthPath);
      if (bound !== undefined && n > bound) sr.fail(lengthPath, `${n} elements exceed the bound ${bound}`, sr.pos - 4);
      sr.checkCount(n, perElement, lengthPath, sr.pos - 4);
      if (octets) return sr.view8(n, path);
      const out: CdrValue[] = new Array<CdrValue>(n);
      for (let i = 0; i < n; i++) out[i] = elem.dec(sr, so);
      return out;
    },
    def: () => (octets ? new Uint8Array(0) : []),
    fixed: 0,
    primitive: false,
    min: dheader ? 8 : 4,
    maxEnd(at) {
      if (bound === undefined) return Infinity;
      const head = alignUp(dheader ? alignUp(at, 4) + 4 : at, 4) + 4;
      return octets ? head + bound : maxEndRepeated(elem, head, bound);
    },
  };
}

/**
 * T[d0][d1]... (7.4.1.1.8 / 7.4.3.5.2): the d0·d1·… elements in row-major order with no length; in XCDR2
 * one DHEADER for the whole array when T is not a primitive type.
 */
export function arrayCodec(type: ArrayDesc, version: XcdrVersion, path: string, compile: Compile): Codec {
  const dims = type.dimensions;
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new Error(`${path}: invalid array dimensions [${dims.join(', ')}]`);
  const elem = compile(type.element, `${path}[]`);
  const octets = isOctet(type.element);
  const dheader = version === 2 && !elem.primitive;
  const total = dims.reduce((a, b) => a * b, 1);
  const last = dims.length - 1;

  const write = (w: Parameters<Codec['enc']>[0], v: unknown, o: number, depth: number): void => {
    const d = dims[depth]!;
    if (depth === last && octets) {
      if (!(v instanceof Uint8Array) || v.length !== d) encodeFail(path, `${show(v)} is not a Uint8Array(${d})`);
      w.bytes(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== d) encodeFail(path, `${show(v)} is not an array of ${d}`);
    for (let i = 0; i < d; i++) {
      if (depth === last) elem.enc(w, v[i], o);
      else write(w, v[i], o, depth + 1);
    }
  };
  const read = (r: Parameters<Codec['dec']>[0], o: number, depth: number): CdrValue => {
    const d = dims[depth]!;
    if (depth === last && octets) return r.view8(d, path);
    const out = new Array<CdrValue>(d);
    for (let i = 0; i < d; i++) out[i] = depth === last ? elem.dec(r, o) : read(r, o, depth + 1);
    return out;
  };
  const zero = (depth: number): CdrValue => {
    const d = dims[depth]!;
    if (depth === last && octets) return new Uint8Array(d);
    return Array.from({ length: d }, () => (depth === last ? elem.def() : zero(depth + 1)));
  };
  return {
    enc(w, v, o) {
      const start = dheader ? beginDheader(w, o) : 0;
      write(w, v, o, 0);
      if (dheader) endDheader(w, start);
    },
    dec(r, o) {
      const sr = dheader ? readDheader(r, o, path) : r;
      const so = dheader ? originIn(sr, r, o) : o;
      sr.checkCount(total, elem.min, path);
      return read(sr, so, 0);
    },
    def: () => zero(0),
    fixed: 0,
    primitive: false,
    min: (dheader ? 4 : 0) + total * elem.min,
    maxEnd(at) {
      const head = dheader ? alignUp(at, 4) + 4 : at;
      return octets ? head + total : maxEndRepeated(elem, head, total);
    },
  };
}
