import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { AXES, MAX_VALUES, parseQuantity, parseValueList, parseVary } from '../../src/value-list.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('value lists (--vary AXIS=VALUES)', () => {
  it('a comma list of whole byte counts comes back as written', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: AXES.mtu.min, max: AXES.mtu.max }), { minLength: 1, maxLength: 20 }), (xs) => {
        expect(parseValueList(xs.join(','), 'mtu')).toEqual(xs);
      }),
    );
  });

  it('start:stop:step starts at start, steps by step, never passes stop and stops less than a step short of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 576, max: 9000 }), fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 5000 }), (start, span, step) => {
        const stop = Math.min(65535, start + span);
        const n = Math.floor((stop - start) / step) + 1;
        fc.pre(n <= MAX_VALUES);
        const v = parseValueList(`${start}:${stop}:${step}`, 'mtu');
        expect(v[0]).toBe(start);
        expect(v.length).toBe(n);
        v.slice(1).forEach((x, i) => expect(x - v[i]!).toBe(step));
        expect(v[v.length - 1]!).toBeLessThanOrEqual(stop);
        expect(stop - v[v.length - 1]!).toBeLessThan(step);
      }),
    );
  });

  it('start:stop:xF multiplies by F and includes stop when a power of F reaches it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 5 }), (m, f, k) => {
        const start = m * 1e6;
        const stop = start * f ** k;
        fc.pre(stop <= AXES.bandwidth.max);
        const v = parseValueList(`${m}M:${stop}:x${f}`, 'bandwidth');
        expect(v.length).toBe(k + 1);
        v.forEach((x, i) => expect(close(x, start * f ** i)).toBe(true));
      }),
    );
  });

  it('suffixes scale: k M G T by 1000, Ki Mi Gi by 1024, % by 1/100; unit words add nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (n) => {
        expect(parseQuantity(`${n}k`, 'x')).toBe(n * 1e3);
        expect(parseQuantity(`${n}G`, 'x')).toBe(n * 1e9);
        expect(parseQuantity(`${n}Ki`, 'x')).toBe(n * 1024);
        expect(close(parseQuantity(`${n}%`, 'x'), n / 100)).toBe(true);
        expect(parseQuantity(`${n}Gbit/s`, 'x')).toBe(parseQuantity(`${n}G`, 'x'));
      }),
    );
    expect(parseValueList('0:5%:1%', 'loss')).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05]);
    expect(parseValueList('100M:10G:x10', 'bandwidth')).toEqual([1e8, 1e9, 1e10]);
  });

  it('any text either parses to in-range numbers or is a UsageError naming the flag', () => {
    const axes = Object.keys(AXES) as (keyof typeof AXES)[];
    fc.assert(
      fc.property(fc.constantFrom(...axes), fc.oneof(fc.string(), fc.stringMatching(/^[0-9.:,xkKMGTi%e+-]{0,16}$/)), (axis, text) => {
        let values: number[];
        try {
          values = parseValueList(text, axis);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          expect((e as Error).message).toContain(`--vary ${axis}`);
          expect((e as Error).message).not.toContain('\n');
          return;
        }
        expect(values.length).toBeGreaterThan(0);
        expect(values.length).toBeLessThanOrEqual(MAX_VALUES);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(AXES[axis].min);
          expect(v).toBeLessThanOrEqual(AXES[axis].max);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('--vary names the axis', () => {
    expect(parseVary('mtu=1500,9000')).toEqual({ axis: 'mtu', values: [1500, 9000] });
    expect(() => parseVary('speed=1G')).toThrow(/AXIS one of bandwidth, mtu, size, loss/);
    expect(() => parseVary('mtu=9000:1500:100')).toThrow(/below start/);
    expect(() => parseVary('mtu=1:100000:1')).toThrow(UsageError);
  });
});
