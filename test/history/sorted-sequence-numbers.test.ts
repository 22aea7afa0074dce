import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SortedSequenceNumbers } from '../../rtps/history/sorted-sequence-numbers.js';

type Op =
  | { t: 'add'; sn: number }
  | { t: 'delete'; sn: number }
  | { t: 'shift' }
  | { t: 'deleteUpTo'; sn: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('add' as const), sn: fc.integer({ min: 0, max: 200 }) }) },
  fc.record({ t: fc.constant('delete' as const), sn: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ t: fc.constant('shift' as const) }),
  fc.record({ t: fc.constant('deleteUpTo' as const), sn: fc.integer({ min: -1, max: 200 }) }),
);

describe('SortedSequenceNumbers', () => {
  it('behaves as a sorted set under any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 200 }), (ops, probe) => {
        const s = new SortedSequenceNumbers();
        const model = new Set<number>();
        const sorted = () => [...model].sort((a, b) => a - b);
        for (const o of ops) {
          if (o.t === 'add') {
            expect(s.add(BigInt(o.sn))).toBe(!model.has(o.sn));
            model.add(o.sn);
          } else if (o.t === 'delete') {
            expect(s.delete(BigInt(o.sn))).toBe(model.has(o.sn));
            model.delete(o.sn);
          } else if (o.t === 'shift') {
            const m = sorted()[0];
            expect(s.shift()).toBe(m === undefined ? undefined : BigInt(m));
            if (m !== undefined) model.delete(m);
          } else {
            const gone = sorted().filter((x) => x <= o.sn);
            expect(s.deleteUpTo(BigInt(o.sn))).toEqual(gone.map(BigInt));
            for (const g of gone) model.delete(g);
          }
          const m = sorted();
          expect([...s]).toEqual(m.map(BigInt));
          expect(s.size).toBe(m.length);
          expect(s.min()).toBe(m.length ? BigInt(m[0]!) : undefined);
          expect(s.max()).toBe(m.length ? BigInt(m[m.length - 1]!) : undefined);
        }
        const m = sorted();
        expect(s.has(BigInt(probe))).toBe(model.has(probe));
        const after = m.find((x) => x > probe);
        expect(s.firstAfter(BigInt(probe))).toBe(after === undefined ? undefined : BigInt(after));
        expect(s.range(BigInt(probe), BigInt(probe + 20), 5)).toEqual(m.filter((x) => x >= probe && x <= probe + 20).slice(0, 5).map(BigInt));
      }),
    );
  });
});
