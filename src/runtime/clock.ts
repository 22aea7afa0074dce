import type { Nanos } from '../../rtps/index.js';

/** Monotonic nanoseconds since the call, as the Nanos number rtps/ expects (exact for 104 days). */
export function monotonicClock(): () => Nanos {
  const origin = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - origin);
}

/** Wall-clock nanoseconds since 1970, for source timestamps (INFO_TS) that peers compare with their clocks. */
export function wallClockNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}
