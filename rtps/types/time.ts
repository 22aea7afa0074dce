import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/**
 * Time_t (9.3.2): seconds since the epoch and a binary fraction of a second (1/2^32 s).
 * RTPS 2.5 makes the seconds unsigned, which is how they are kept here.
 */
export interface Time {
  readonly seconds: number;
  readonly fraction: number;
}

/** Duration_t (9.3.2): signed seconds and a binary fraction (Cyclone and OpenDDS send fractions). */
export interface Duration {
  readonly seconds: number;
  readonly fraction: number;
}

export const TIME_ZERO: Time = { seconds: 0, fraction: 0 };
export const TIME_INVALID: Time = { seconds: 0xffffffff, fraction: 0xffffffff };
export const TIME_INFINITE: Time = { seconds: 0x7fffffff, fraction: 0xffffffff };
export const DURATION_ZERO: Duration = { seconds: 0, fraction: 0 };
export const DURATION_INFINITE: Duration = { seconds: 0x7fffffff, fraction: 0xffffffff };

export function readTime(r: ByteReader, field: string): Time {
  const seconds = r.u32(`${field}.seconds`);
  return { seconds, fraction: r.u32(`${field}.fraction`) };
}

export function writeTime(w: ByteWriter, t: Time): void {
  w.u32(t.seconds).u32(t.fraction);
}

export function readDuration(r: ByteReader, field: string): Duration {
  const seconds = r.i32(`${field}.seconds`);
  return { seconds, fraction: r.u32(`${field}.fraction`) };
}

export function writeDuration(w: ByteWriter, d: Duration): void {
  w.i32(d.seconds).u32(d.fraction);
}

const NS = 1_000_000_000n;

/** Nanoseconds (as used by the clocks handed to rtps/) to a Time, rounding the fraction down. */
export function timeFromNanos(ns: bigint): Time {
  const seconds = ns / NS;
  const rem = ns % NS;
  return { seconds: Number(seconds & 0xffffffffn), fraction: Number((rem << 32n) / NS) };
}

export function timeToNanos(t: Time): bigint {
  return BigInt(t.seconds) * NS + ((BigInt(t.fraction) * NS) >> 32n);
}

export function durationFromNanos(ns: bigint): Duration {
  if (ns >= BigInt(0x7fffffff) * NS) return DURATION_INFINITE;
  const seconds = ns / NS;
  const rem = ns % NS;
  return { seconds: Number(seconds), fraction: Number((rem << 32n) / NS) };
}

/** Infinite durations come back as null so callers cannot do arithmetic on them by accident. */
export function durationToNanos(d: Duration): bigint | null {
  if (d.seconds === DURATION_INFINITE.seconds && d.fraction === DURATION_INFINITE.fraction) return null;
  // Round the fraction up so that a duration converted there and back does not shrink.
  return BigInt(d.seconds) * NS + ((BigInt(d.fraction) * NS + 0xffffffffn) >> 32n);
}
