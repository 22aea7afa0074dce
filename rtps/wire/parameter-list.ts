import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** ParameterId_t values with a meaning for the list itself (9.4.2.11). */
export const PID_PAD = 0x0000;
export const PID_SENTINEL = 0x0001;
/** Set on a parameter the receiver must understand or drop the whole list (9.6.2.2.1). */
export const PID_MUST_UNDERSTAND_FLAG = 0x4000;
/** Set on a parameter whose meaning is the sender's vendor's (9.6.2.2.1). */
export const PID_VENDOR_SPECIFIC_FLAG = 0x8000;

/**
 * One raw parameter: its id as sent (flag bits included) and its value bytes, a view into the input.
 * Typed meanings live in rtps/discovery; this layer only frames.
 */
export interface Parameter {
  readonly pid: number;
  readonly value: Uint8Array;
  /** Absolute offset of `value` in the decoded input, so typed decoders can report where they failed. */
  readonly offset?: number;
}

/**
 * Reads a ParameterList (9.4.2.11) up to and including PID_SENTINEL. PID_PAD entries are kept so that a
 * list re-encodes to the same bytes. Each entry is at least 4 octets, so the list cannot outgrow its input.
 */
export function readParameterList(r: ByteReader, field: string): Parameter[] {
  const out: Parameter[] = [];
  for (;;) {
    const pid = r.u16(`${field}.parameterId`);
    const length = r.u16(`${field}.length`);
    if (pid === PID_SENTINEL) {
      // The sentinel's length is ignored (9.4.2.11): some vendors send garbage there.
      return out;
    }
    const offset = r.absolutePos;
    out.push({ pid, value: r.view8(length, `${field}.value`), offset });
  }
}

/** Writes the list and its sentinel; each value is padded to a multiple of 4 octets as 9.4.2.11 requires. */
export function writeParameterList(w: ByteWriter, params: readonly Parameter[]): void {
  for (const p of params) {
    const padded = (p.value.length + 3) & ~3;
    if (padded > 0xffff) throw new RangeError(`parameter 0x${p.pid.toString(16)} is ${p.value.length} octets; at most 65532 fit`);
    w.u16(p.pid).u16(padded).bytes(p.value).zeros(padded - p.value.length);
  }
  w.u16(PID_SENTINEL).u16(0);
}

/** The first parameter with this id, ignoring the vendor/must-understand bits only if asked to. */
export function findParameter(params: readonly Parameter[], pid: number): Parameter | undefined {
  for (const p of params) if (p.pid === pid) return p;
  return undefined;
}
