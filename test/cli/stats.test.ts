import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileOfSorted, summarize } from '../../src/stats/percentiles.js';
import { RateMeter } from '../../src/stats/rate-meter.js';
import { SequenceTracker } from '../../src/stats/sequence-tracker.js';

const values = fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 300 });

describe('percentiles (nearest rank)', () => {
  it('is a measured value with at least p % of the values at or below it, and the smallest such', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 100, noNaN: true }), (vs, p) => {
        const sorted = [...vs].sort((a, b) => a - b);
        const v = percentileOfSorted(sorted, p);
        expect(sorted).toContain(v);
        const atOrBelow = sorted.filter((x) => x <= v).length;
        expect(atOrBelow / sorted.length).toBeGreaterThanOrEqual(p / 100);
        const below = sorted.filter((x) => x < v).length;
        expect(below / sorted.length).toBeLessThan(Math.max(p / 100, 1 / sorted.length) + 1e-12);
      }),
    );
  });

  it('summaries are ordered min <= p50 <= p90 <= p99 <= max and the mean lies between min and max', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const s = summarize(vs)!;
        expect(s.count).toBe(vs.length);
        expect(s.min).toBe(Math.min(...vs));
        expect(s.max).toBe(Math.max(...vs));
        expect(s.min).toBeLessThanOrEqual(s.p50);
        expect(s.p50).toBeLessThanOrEqual(s.p90);
        expect(s.p90).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        expect(s.mean).toBeGreaterThanOrEqual(s.min - 1e-6);
        expect(s.mean).toBeLessThanOrEqual(s.max + 1e-6);
      }),
    );
  });

  it('matches hand-computed ranks on 1..100 and is undefined for no values', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i))!;
    expect([s.min, s.p50, s.p90, s.p99, s.max, s.mean]).toEqual([1, 50, 90, 99, 100, 50.5]);
    expect(summarize([])).toBeUndefined();
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
  });
});

describe('SequenceTracker', () => {
  it('counts exactly the sequence numbers skipped when a stream loses samples but keeps order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.boolean(), { minLength: 2, maxLength: 400 }), (start, keep) => {
        // The first and last are always delivered, so every dropped one lies inside a gap.
        const kept = keep.map((k, i) => k || i === 0 || i === keep.length - 1);
        const t = new SequenceTracker();
        kept.forEach((k, i) => k && t.record('w', start + i));
        expect(t.total.received).toBe(kept.filter(Boolean).length);
        expect(t.total.lost).toBe(kept.filter((k) => !k).length);
        expect(t.total.duplicates + t.total.outOfOrder).toBe(0);
      }),
    );
  });

  it('tells duplicates from late arrivals, per writer', () => {
    const t = new SequenceTracker();
    for (const s of [0, 1, 3, 2, 3, 4]) t.record('a', s);
    for (const s of [10, 11]) t.record('b', s);
    expect(t.total).toEqual({ received: 8, lost: 0, duplicates: 1, outOfOrder: 1 });
    expect(t.writerCount).toBe(2);
  });
});

describe('RateMeter', () => {
  it('turns counts into samples/s and Mbit/s per interval and overall', () => {
    const m = new RateMeter(0);
    for (let i = 0; i < 1000; i++) m.add(125, i * 1e6);
    expect(m.interval(1e9)).toEqual({ samplesPerSecond: 1000, megabitsPerSecond: 1 });
    m.add(125, 2e9);
    expect(m.interval(3e9).samplesPerSecond).toBe(0.5);
    // Overall stops at the last sample: the idle second after it does not count.
    expect(m.overall(3e9).samplesPerSecond).toBe(500.5);
  });
});
