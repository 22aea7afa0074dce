import type { Time } from '../../rtps/index.js';

const NS = 1_000_000_000n;

/**
 * Nanoseconds to an RTPS Time (9.3.2 Time_t) as Cyclone DDS converts them (fraction rounded up), so a
 * timestamp ddsperf sent comes back to it bit-exact: ddsperf reads the lowest nanosecond bit of an echoed
 * source timestamp to tell a pong to a ping from other traffic.
 */
export function cycloneTimeFromNanos(ns: bigint): Time {
  const rem = ns % NS;
  return { seconds: Number((ns / NS) & 0xffffffffn), fraction: Number(((NS - 1n) + (rem << 32n)) / NS) };
}

/** An RTPS Time to nanoseconds as Cyclone DDS does (fraction rounded to nearest); inverse of the above. */
export function cycloneNanosFromTime(t: Time): bigint {
  return BigInt(t.seconds) * NS + ((2_147_483_648n + BigInt(t.fraction) * NS) >> 32n);
}
