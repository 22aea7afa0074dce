import type { ByteReader } from '../codec/byte-reader.js';
import { DecodeError } from '../codec/decode-error.js';
import { readEntityId, readGuid, writeEntityId, writeGuid, type EntityId, type Guid } from '../types/guid.js';
import { readLocator, writeLocator, type Locator } from '../types/locator.js';
import { readDuration, writeDuration, type Duration } from '../types/time.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';
import { PID_MUST_UNDERSTAND_FLAG, PID_PAD, PID_VENDOR_SPECIFIC_FLAG, type Parameter } from '../wire/parameter-list.js';
import { parameter, readBoolean, readCdrString, readOctetSeq, valueReader, writeBoolean, writeCdrString, writeOctetSeq } from './parameter-value.js';
import { PID_NAMES, pidName } from './pid.js';

// The shared mechanics of the typed discovery data (9.6.2.2): look parameters up by id, decode their values
// with absolute offsets, and keep what a decoder does not interpret so that it can be sent on unchanged.

/** The value of the first parameter with `pid`, decoded by `read`, or undefined when absent. */
export function readFirst<T>(
  params: readonly Parameter[],
  pid: number,
  littleEndian: boolean,
  field: string,
  read: (r: ByteReader, field: string) => T,
): T | undefined {
  for (const p of params) if (p.pid === pid) return read(valueReader(p, littleEndian), field);
  return undefined;
}

/** Every parameter with `pid`, in order (locators come one per parameter). */
export function readAll<T>(
  params: readonly Parameter[],
  pid: number,
  littleEndian: boolean,
  field: string,
  read: (r: ByteReader, field: string) => T,
): T[] {
  const out: T[] = [];
  for (const p of params) if (p.pid === pid) out.push(read(valueReader(p, littleEndian), `${field}[${out.length}]`));
  return out;
}

/** The first offset to blame when a mandatory parameter is missing: the list's start, or 0. */
function listOffset(params: readonly Parameter[]): number {
  const first = params[0]?.offset;
  return first === undefined ? 0 : Math.max(0, first - 4);
}

export function missing(params: readonly Parameter[], pid: number, field: string): never {
  throw new DecodeError(listOffset(params), field, `mandatory parameter ${pidName(pid)} is missing`);
}

/**
 * The parameters a typed decoder left alone, minus padding. A parameter nobody here understands whose
 * must-understand bit is set makes the whole list unusable (9.6.2.2.1), hence a DecodeError; vendor-specific
 * ids are never understood here, so a vendor parameter with that bit is rejected too, as Cyclone DDS does.
 */
export function uninterpreted(params: readonly Parameter[], interpreted: ReadonlySet<number>, field: string): Parameter[] {
  const out: Parameter[] = [];
  for (const p of params) {
    if (p.pid === PID_PAD || interpreted.has(p.pid)) continue;
    const understood = (p.pid & PID_VENDOR_SPECIFIC_FLAG) === 0 && PID_NAMES.has(p.pid);
    if (!understood && (p.pid & PID_MUST_UNDERSTAND_FLAG) !== 0) {
      throw new DecodeError(Math.max(0, (p.offset ?? 4) - 4), `${field}.parameterId`, `must-understand parameter ${pidName(p.pid)} not supported`);
    }
    out.push(p);
  }
  return out;
}

// Value readers and writers shared by the typed data (types from 9.3.2 and 9.6.2.2).

export const readGuidValue = (r: ByteReader, f: string): Guid => readGuid(r, f);
export const readEntityIdValue = (r: ByteReader, f: string): EntityId => readEntityId(r, f);
export const readLocatorValue = (r: ByteReader, f: string): Locator => readLocator(r, f);
export const readDurationValue = (r: ByteReader, f: string): Duration => readDuration(r, f);
export const readStringValue = (r: ByteReader, f: string): string => readCdrString(r, f);
export const readBooleanValue = (r: ByteReader, f: string): boolean => readBoolean(r, f);
export const readOctetsValue = (r: ByteReader, f: string): Uint8Array => readOctetSeq(r, f);
export const readU32Value = (r: ByteReader, f: string): number => r.u32(f);
export const readI32Value = (r: ByteReader, f: string): number => r.i32(f);

/** ProtocolVersion_t: two octets (padded to four in the parameter). */
export function readProtocolVersionValue(r: ByteReader, f: string): ProtocolVersion {
  const major = r.u8(`${f}.major`);
  return { major, minor: r.u8(`${f}.minor`) };
}

/** VendorId_t: two octets, first one high. */
export function readVendorIdValue(r: ByteReader, f: string): VendorId {
  const hi = r.u8(f);
  return (hi << 8) | r.u8(f);
}

export const guidParameter = (pid: number, le: boolean, g: Guid): Parameter => parameter(pid, le, (w) => writeGuid(w, g));
export const entityIdParameter = (pid: number, le: boolean, id: EntityId): Parameter => parameter(pid, le, (w) => writeEntityId(w, id));
export const locatorParameter = (pid: number, le: boolean, l: Locator): Parameter => parameter(pid, le, (w) => writeLocator(w, l));
export const durationParameter = (pid: number, le: boolean, d: Duration): Parameter => parameter(pid, le, (w) => writeDuration(w, d));
export const stringParameter = (pid: number, le: boolean, s: string, field: string): Parameter =>
  parameter(pid, le, (w) => writeCdrString(w, s, field));
export const booleanParameter = (pid: number, le: boolean, b: boolean): Parameter => parameter(pid, le, (w) => writeBoolean(w, b));
export const octetsParameter = (pid: number, le: boolean, b: Uint8Array): Parameter => parameter(pid, le, (w) => writeOctetSeq(w, b));
export const u32Parameter = (pid: number, le: boolean, v: number): Parameter => parameter(pid, le, (w) => void w.u32(v));
export const i32Parameter = (pid: number, le: boolean, v: number): Parameter => parameter(pid, le, (w) => void w.i32(v));
export const protocolVersionParameter = (pid: number, le: boolean, v: ProtocolVersion): Parameter =>
  parameter(pid, le, (w) => void w.u8(v.major).u8(v.minor));
export const vendorIdParameter = (pid: number, le: boolean, v: VendorId): Parameter =>
  parameter(pid, le, (w) => void w.u8((v >> 8) & 0xff).u8(v & 0xff));
