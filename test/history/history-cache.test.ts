import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HANDLE_NIL, type CacheChange } from '../../rtps/history/cache-change.js';
import { HistoryCache } from '../../rtps/history/history-cache.js';
import { GUIDPREFIX_UNKNOWN } from '../../rtps/types/guid.js';

const change = (sn: bigint): CacheChange => ({
  kind: 'ALIVE',
  writerGuid: { prefix: GUIDPREFIX_UNKNOWN, entityId: 0x102 },
  instanceHandle: HANDLE_NIL,
  sequenceNumber: sn,
  data: undefined,
  inlineQos: undefined,
  sourceTimestamp: undefined,
});

describe('HistoryCache (8.2.2)', () => {
  it('keeps min, max, lookups and order right under any adds and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 60 })), { maxLength: 200 }), fc.integer({ min: 0, max: 60 }), (ops, probe) => {
        const h = new HistoryCache();
        const model = new Set<number>();
        for (const [add, sn] of ops) {
          if (add) expect(h.addChange(change(BigInt(sn)))).toBe(!model.has(sn));
          else expect(h.removeChange(BigInt(sn))?.sequenceNumber).toBe(model.has(sn) ? BigInt(sn) : undefined);
          if (add) model.add(sn);
          else model.delete(sn);
        }
        const sorted = [...model].sort((a, b) => a - b).map(BigInt);
        expect(h.size).toBe(sorted.length);
        expect(h.getSeqNumMin()).toBe(sorted[0]);
        expect(h.getSeqNumMax()).toBe(sorted.at(-1));
        expect([...h.changes()].map((c) => c.sequenceNumber)).toEqual(sorted);
        expect(h.getChange(BigInt(probe))?.sequenceNumber).toBe(model.has(probe) ? BigInt(probe) : undefined);
        expect(h.nextChangeAfter(BigInt(probe))?.sequenceNumber).toBe(sorted.find((sn) => sn > BigInt(probe)));
      }),
    );
  });
});
