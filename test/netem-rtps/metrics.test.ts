import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, percentile, windowCounts } from '../../netem/rtps/metrics.js';

describe('RTT and packet-count metrics', () => {
  it('a percentile is one of the values, between min and max, and monotone in q', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (v, q) => {
        const p = percentile(v, q);
        expect(v).toContain(p);
        expect(p).toBeLessThanOrEqual(percentile(v, Math.min(1, q + 0.1)));
        expect(percentile(v, 0)).toBe(Math.min(...v));
        expect(percentile(v, 1)).toBe(Math.max(...v));
      }),
    );
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('window counts add up to the frames inside the complete windows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (raw, start, span, w) => {
          const times = [...raw].sort((a, b) => a - b);
          const c = windowCounts(times, start, start + span, w);
          expect(c.windows).toBe(Math.floor(span / w));
          if (c.windows > 0) {
            const inside = times.filter((t) => t >= start && t < start + c.windows * w).length;
            expect(c.mean * c.windows).toBeCloseTo(inside, 6);
            expect(c.max).toBeGreaterThanOrEqual(c.mean);
          }
        },
      ),
    );
  });

  it('counts frames per 50 ms window like an I/O graph', () => {
    const ms = 1e6;
    const times = [0, 10 * ms, 49 * ms, 50 * ms, 120 * ms, 151 * ms];
    expect(windowCounts(times, 0, 150 * ms, 50 * ms)).toEqual({ windows: 3, mean: 5 / 3, max: 3 });
    // Shorter than one window: scaled from the interval.
    expect(windowCounts(times, 0, 25 * ms, 50 * ms).mean).toBe(4);
    expect(mean([1, 2, 3])).toBe(2);
  });
});
