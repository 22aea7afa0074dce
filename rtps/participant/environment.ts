/**
 * What the sans-I/O core is handed by its host (8.4.7.1 heartbeatPeriod / nackResponseDelay and 8.4.10.1
 * heartbeatResponseDelay all want time and jitter): time always arrives as an argument `now`, randomness
 * through Random, so the same state machines run over UDP and in a simulator's virtual time.
 */

/**
 * Integer nanoseconds on the host's monotonic clock. Kept as a number: from a process- or simulation-relative
 * origin it stays exact (below 2^53) for 104 days, which wall-clock nanoseconds since 1970 would not.
 */
export type Nanos = number;

/** When a state machine next wants to be called, or null when no timer is pending. */
export type Deadline = Nanos | null;

/** The earlier of two deadlines, null meaning "none". */
export function earliestDeadline(a: Deadline, b: Deadline): Deadline {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Source of uniformly distributed 32-bit unsigned integers. */
export interface Random {
  nextU32(): number;
}

/** Uniform float in [0, 1) with 32 bits of resolution. */
export function randomFloat(r: Random): number {
  return (r.nextU32() >>> 0) / 0x1_0000_0000;
}

/** Uniform integer in [0, n), n a positive integer up to 2^32; rejection sampling keeps it unbiased. */
export function randomInt(r: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`randomInt bound ${n} is not in [1, 2^32]`);
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
  for (;;) {
    const x = r.nextU32() >>> 0;
    if (x < limit) return x % n;
  }
}

/**
 * `base` spread uniformly by ±`fraction` of itself, rounded to whole nanoseconds and never negative:
 * periodic announcements (SPDP resend, HEARTBEAT) are jittered so peers started together do not stay in step.
 */
export function jitter(r: Random, base: Nanos, fraction: number): Nanos {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`jitter fraction ${fraction} is not in [0, 1]`);
  return Math.max(0, Math.round(base * (1 + fraction * (2 * randomFloat(r) - 1))));
}

/**
 * Deterministic Random (the mulberry32 generator): the simulator and tests seed it so runs are reproducible.
 * Not for anything that must be unpredictable, such as GUID prefixes on a real network.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    nextU32(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    },
  };
}
