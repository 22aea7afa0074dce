import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** XCDR1 parameter-list member header ids with a meaning of their own (XTypes 7.4.1.2.1). */
export const PID_EXTENDED = 0x3f01;
export const PID_LIST_END = 0x3f02;
export const PID_IGNORE = 0x3f03;
/** Largest member id a short header can carry; above it PIDs are reserved (0x3f01...) so the extended form is used. */
const PID_SHORT_MAX = 0x3f00;
/** M flag of an XCDR1 member header: the receiver must understand this member or reject the sample. */
export const PID_FLAG_MUST_UNDERSTAND = 0x4000;
const PID_ID_MASK = 0x3fff;

/** M_FLAG of an XCDR2 EMHEADER1 (7.4.3.4.3). */
const EM_FLAG_MUST_UNDERSTAND = 0x80000000;
/** Length code 4: the member length follows as NEXTINT. */
const LC_NEXTINT = 4;
const EMHEADER_LC_OF_SIZE: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3 };
/** Element size for LC 5, 6, 7: the length is 4 + NEXTINT × this, NEXTINT being the member's own first u32. */
const LC_SCALE = [0, 0, 0, 0, 0, 1, 4, 8] as const;

/**
 * Writes an XCDR1 member header (short form: u16 PID | flags, u16 length; extended form: PID_EXTENDED, 8,
 * u32 member id, u32 length) with a zero length, and returns its position for endPlMember (7.4.1.2.1).
 * The member value that follows is aligned relative to its own first octet (the origin is reset after a
 * member header, as eProsima Fast-CDR does), so moving it to make room for a longer header keeps it valid.
 */
export function beginPlMember(w: ByteWriter, o: number, id: number, flags: number): number {
  w.align(4, o);
  const at = w.pos;
  if (id > PID_SHORT_MAX) w.u16(PID_EXTENDED | flags).u16(8).u32(id).u32(0);
  else w.u16(id | flags).u16(0);
  return at;
}

/** Patches the member length; a value longer than a short header can say moves 8 octets on under an extended one. */
export function endPlMember(w: ByteWriter, at: number, id: number, flags: number): void {
  if (id > PID_SHORT_MAX) {
    w.patchU32(at + 8, w.pos - (at + 12));
    return;
  }
  const valueStart = at + 4;
  const length = w.pos - valueStart;
  if (length <= 0xffff) {
    w.patchU16(at + 2, length);
    return;
  }
  w.zeros(8);
  w.finish().copyWithin(valueStart + 8, valueStart, valueStart + length);
  w.patchU16(at, PID_EXTENDED | flags);
  w.patchU16(at + 2, 8);
  w.patchU32(at + 4, id);
  w.patchU32(at + 8, length);
}

/** Writes PID_LIST_END, which closes an XCDR1 mutable struct (7.4.1.2.1). */
export function writePlListEnd(w: ByteWriter, o: number): void {
  w.align(4, o);
  w.u16(PID_LIST_END).u16(0);
}

/** What a member header said. `id` is -1 for PID_LIST_END and -2 for PID_IGNORE. */
export interface MemberHeader {
  id: number;
  mustUnderstand: boolean;
  /** Octets of the member value, which starts at the reader's position. */
  length: number;
}

/** Reused between calls: header fields are copied out before the member value (which may hold headers) is read. */
const scratch: MemberHeader = { id: 0, mustUnderstand: false, length: 0 };

export function readPlMember(r: ByteReader, o: number, path: string): MemberHeader {
  r.align(4, o, `${path}.pid`);
  const pid = r.u16(`${path}.pid`);
  let length = r.u16(`${path}.length`);
  const short = pid & PID_ID_MASK;
  let id: number = short;
  if (short === PID_EXTENDED) {
    if (length !== 8) r.fail(`${path}.length`, `PID_EXTENDED needs length 8, not ${length}`, r.pos - 2);
    id = r.u32(`${path}.memberId`);
    length = r.u32(`${path}.length`);
  } else if (short === PID_LIST_END) id = -1;
  else if (short === PID_IGNORE) id = -2;
  scratch.id = id;
  scratch.mustUnderstand = (pid & PID_FLAG_MUST_UNDERSTAND) !== 0;
  scratch.length = length;
  return scratch;
}

/** Writes an XCDR2 EMHEADER1 (7.4.3.4.3): LC 0..3 for 1/2/4/8-octet primitives, else LC 4 and a NEXTINT to patch. */
export function beginEmMember(w: ByteWriter, o: number, id: number, mustUnderstand: boolean, fixed: number): number {
  w.align(4, o);
  const m = mustUnderstand ? EM_FLAG_MUST_UNDERSTAND : 0;
  const lc = EMHEADER_LC_OF_SIZE[fixed];
  if (lc !== undefined) {
    w.u32((m | (lc << 28) | id) >>> 0);
    return -1;
  }
  w.u32((m | (LC_NEXTINT << 28) | id) >>> 0).u32(0);
  return w.pos;
}

export function endEmMember(w: ByteWriter, valueStart: number): void {
  if (valueStart >= 0) w.patchU32(valueStart - 4, w.pos - valueStart);
}

/**
 * Reads an EMHEADER1 and, for LC 4, its NEXTINT. For LC 5..7 NEXTINT is the member's own leading u32
 * (a DHEADER or sequence length), so it is peeked at and left for the member to read.
 */
export function readEmMember(r: ByteReader, o: number, path: string): MemberHeader {
  r.align(4, o, `${path}.emheader`);
  const h = r.u32(`${path}.emheader`);
  const lc = (h >>> 28) & 7;
  let length: number;
  if (lc < 4) length = 1 << lc;
  else {
    const next = r.u32(`${path}.nextint`);
    if (lc === LC_NEXTINT) length = next;
    else {
      r.pos -= 4;
      length = 4 + next * LC_SCALE[lc]!;
    }
  }
  scratch.id = h & 0x0fffffff;
  scratch.mustUnderstand = h >>> 31 === 1;
  scratch.length = length;
  return scratch;
}
