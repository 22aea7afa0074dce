import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { earliestDeadline, jitter, randomFloat, randomInt, seededRandom, type Random } from '../../rtps/participant/environment.js';

const fixed = (values: number[]): Random => {
  let i = 0;
  return { nextU32: () => values[i++ % values.length]! };
};

describe('environment: Random helpers and deadlines', () => {
  it('seededRandom is reproducible and yields 32-bit unsigned integers', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = a.nextU32();
          expect(x).toBe(b.nextU32());
          expect(Number.isInteger(x) && x >= 0 && x <= 0xffffffff).toBe(true);
        }
      }),
    );
    expect(seededRandom(1).nextU32()).not.toBe(seededRandom(2).nextU32());
  });

  it('randomFloat is in [0, 1), randomInt in [0, n), jitter within ±fraction', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), fc.integer({ min: 0, max: 1e12 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, n, base, f) => {
        const r = seededRandom(seed);
        const x = randomFloat(r);
        expect(x >= 0 && x < 1).toBe(true);
        const k = randomInt(r, n);
        expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        const j = jitter(r, base, f);
        expect(Number.isInteger(j)).toBe(true);
        expect(j).toBeGreaterThanOrEqual(Math.floor(base * (1 - f)));
        expect(j).toBeLessThanOrEqual(Math.ceil(base * (1 + f)));
      }),
    );
    expect(randomFloat(fixed([0xffffffff]))).toBeLessThan(1);
    expect(jitter(fixed([0]), 1000, 0.5)).toBe(500);
    // Rejection sampling: 0xffffffff is outside the unbiased range for n = 3 and is skipped.
    expect(randomInt(fixed([0xffffffff, 4]), 3)).toBe(1);
    expect(() => randomInt(fixed([0]), 0)).toThrow(RangeError);
    expect(() => jitter(fixed([0]), 10, 2)).toThrow(RangeError);
  });

  it('earliestDeadline treats null as "none"', () => {
    expect(earliestDeadline(null, null)).toBeNull();
    expect(earliestDeadline(5, null)).toBe(5);
    expect(earliestDeadline(null, 7)).toBe(7);
    expect(earliestDeadline(9, 7)).toBe(7);
  });
});
