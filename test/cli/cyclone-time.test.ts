// Unit test: starts no DDS peer and opens no socket (live ddsperf peers run only in private network namespaces, test/support/netns.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycloneNanosFromTime, cycloneTimeFromNanos } from '../../src/ddsperf/cyclone-time.js';
import { pongTimestamp } from '../../src/ddsperf/pong-responder.js';

const nanos = fc.bigInt({ min: 0n, max: 0xffffffffn * 1_000_000_000n + 999_999_999n });

describe('Cyclone DDS time conversion', () => {
  it('round-trips every nanosecond value exactly (ddsperf reads the lowest bit of an echoed timestamp)', () => {
    fc.assert(
      fc.property(nanos, (ns) => {
        expect(cycloneNanosFromTime(cycloneTimeFromNanos(ns))).toBe(ns);
      }),
    );
  });

  it('a pong carries the ping timestamp with the lowest nanosecond bit set, nothing else changed', () => {
    fc.assert(
      fc.property(nanos, (ns) => {
        expect(cycloneNanosFromTime(pongTimestamp(cycloneTimeFromNanos(ns)))).toBe(ns | 1n);
      }),
    );
  });

  it('rounds the fraction up as Cyclone does: 1 ns is fraction 5, half a second 2^31', () => {
    expect(cycloneTimeFromNanos(1n)).toEqual({ seconds: 0, fraction: 5 });
    expect(cycloneTimeFromNanos(1_500_000_000n)).toEqual({ seconds: 1, fraction: 0x80000000 });
  });
});
