import { ByteReader } from '../codec/byte-reader.js';
import { ByteWriter } from '../codec/byte-writer.js';
import { EncodeError } from '../codec/decode-error.js';
import type { Parameter } from '../wire/parameter-list.js';

// CDR (XCDR1) primitives as they appear inside a parameter value (9.6.2.2): each value starts 4-aligned in
// the payload, so alignment is counted from the value's first octet. Endianness is the encapsulation's.

/** A reader over one parameter's value whose errors carry absolute offsets. */
export function valueReader(p: Parameter, littleEndian: boolean): ByteReader {
  return new ByteReader(p.value, littleEndian, p.offset ?? 0);
}

/** Builds one parameter by running `body` on a fresh writer of the payload's endianness. */
export function parameter(pid: number, littleEndian: boolean, body: (w: ByteWriter) => void): Parameter {
  const w = new ByteWriter(littleEndian, 64);
  body(w);
  return { pid, value: w.finish() };
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** CDR string: u32 length counting the terminating NUL, the octets, the NUL (9.3.2 "string"). */
export function readCdrString(r: ByteReader, field: string): string {
  r.align(4, 0, field);
  const at = r.pos;
  const n = r.u32(`${field}.length`);
  // A zero length is not valid CDR but some vendors send it for the empty string; accept it as such.
  if (n === 0) return '';
  const bytes = r.view8(n, field);
  if (bytes[n - 1] !== 0) r.fail(field, 'string is not NUL-terminated', at);
  const body = bytes.subarray(0, n - 1);
  if (body.includes(0)) r.fail(field, 'string has an embedded NUL', at);
  return utf8Decoder.decode(body);
}

export function writeCdrString(w: ByteWriter, s: string, field: string): void {
  if (s.includes('\0')) throw new EncodeError(field, 'a CDR string cannot hold NUL');
  const bytes = utf8Encoder.encode(s);
  w.align(4);
  w.u32(bytes.length + 1).bytes(bytes).u8(0);
}

/** sequence<string> (partitions, filter parameters). */
export function readStringSeq(r: ByteReader, field: string): string[] {
  r.align(4, 0, field);
  const n = r.u32(`${field}.length`);
  r.checkCount(n, 4, `${field}.length`);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(readCdrString(r, `${field}[${i}]`));
  return out;
}

export function writeStringSeq(w: ByteWriter, ss: readonly string[], field: string): void {
  w.align(4);
  w.u32(ss.length);
  ss.forEach((s, i) => writeCdrString(w, s, `${field}[${i}]`));
}

/** sequence<octet>, returned as a view into the input (user data can be large). */
export function readOctetSeq(r: ByteReader, field: string): Uint8Array {
  r.align(4, 0, field);
  const n = r.u32(`${field}.length`);
  return r.view8(n, field);
}

export function writeOctetSeq(w: ByteWriter, b: Uint8Array): void {
  w.align(4);
  w.u32(b.length).bytes(b);
}

/** CDR boolean: one octet, 0 or 1; anything else is read as true, as most implementations do. */
export function readBoolean(r: ByteReader, field: string): boolean {
  return r.u8(field) !== 0;
}

export function writeBoolean(w: ByteWriter, b: boolean): void {
  w.u8(b ? 1 : 0);
}

/** A 32-bit enumeration whose values must be among `allowed`. */
export function readEnum<T extends number>(r: ByteReader, allowed: readonly T[], field: string): T {
  const at = r.pos;
  const v = r.u32(field);
  if (!(allowed as readonly number[]).includes(v)) r.fail(field, `unknown value ${v}`, at);
  return v as T;
}
