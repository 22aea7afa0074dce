import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, Prng, Simulator } from '../../netem/index.js';

describe('Prng (sfc32 seeded by splitmix32)', () => {
  it('replays the same stream for the same seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        for (let i = 0; i < 50; i++) {
          const x = a.next();
          expect(b.next()).toBe(x);
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
    );
  });

  it('gives different streams for neighbouring seeds', () => {
    const a = new Prng(1);
    const b = new Prng(2);
    const xs = Array.from({ length: 8 }, () => a.nextU32());
    const ys = Array.from({ length: 8 }, () => b.nextU32());
    expect(xs).not.toEqual(ys);
  });
});

describe('EventQueue', () => {
  it('pops by time, ties in insertion order (a stable sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const out: number[] = [];
        while (q.size > 0) out.push(q.pop());
        const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i).map((e) => e.i);
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('Simulator', () => {
  it('fires timers in virtual time, simultaneous ones in scheduling order, cancelled ones never', () => {
    const sim = new Simulator(1);
    const seen: string[] = [];
    sim.timer(10, (now) => seen.push(`a@${now}`));
    sim.timer(5, (now) => seen.push(`b@${now}`));
    sim.timer(10, (now) => seen.push(`c@${now}`));
    sim.timer(7, () => seen.push('never')).cancel();
    sim.run(100);
    expect(seen).toEqual(['b@5', 'a@10', 'c@10']);
    expect(sim.now).toBe(100);
  });
});
