import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChangeKind, instanceHandleFromKeyHash, keyHashFromInstanceHandle } from '../../rtps/history/cache-change.js';
import { WriterHistoryCache } from '../../rtps/history/writer-history-cache.js';
import { GUIDPREFIX_UNKNOWN } from '../../rtps/types/guid.js';

const writerGuid = { prefix: GUIDPREFIX_UNKNOWN, entityId: 0x102 };
const handle = (i: number): string => instanceHandleFromKeyHash(Uint8Array.from({ length: 16 }, (_, k) => (k === 15 ? i : 0)));
const payload = new Uint8Array([0, 1, 0, 0]);

describe('InstanceHandle (8.2.1.2, 9.6.4.8)', () => {
  it('round-trips a key hash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (kh) => {
        expect(keyHashFromInstanceHandle(instanceHandleFromKeyHash(kh))).toEqual(kh);
      }),
    );
    expect(() => instanceHandleFromKeyHash(new Uint8Array(15))).toThrow(RangeError);
    expect(() => keyHashFromInstanceHandle('xyz')).toThrow(RangeError);
  });
});

describe('WriterHistoryCache (8.2.2, 8.4.7)', () => {
  it('KEEP_LAST(depth) keeps at most depth changes per instance, and they are the newest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 100 }), (depth, writes) => {
        const h = new WriterHistoryCache({ writerGuid, history: { kind: 'KEEP_LAST', depth }, retainAcknowledged: true });
        const written = new Map<string, bigint[]>();
        for (const i of writes) {
          const r = h.newChange(ChangeKind.ALIVE, handle(i), payload, 0);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const list = written.get(handle(i)) ?? [];
          list.push(r.change.sequenceNumber);
          written.set(handle(i), list);
          // Anything evicted is that instance's oldest.
          for (const gone of r.removed) expect(gone.instanceHandle).toBe(handle(i));
        }
        const held = new Map<string, bigint[]>();
        for (const c of h.cache.changes()) held.set(c.instanceHandle, [...(held.get(c.instanceHandle) ?? []), c.sequenceNumber]);
        for (const [inst, sns] of written) {
          expect(held.get(inst)).toEqual(sns.slice(-depth));
          expect(h.instanceSize(inst)).toBe(Math.min(depth, sns.length));
        }
        expect(h.lastChangeSequenceNumber).toBe(BigInt(writes.length));
        expect(h.cache.getSeqNumMax()).toBe(writes.length ? BigInt(writes.length) : undefined);
      }),
    );
  });

  it('KEEP_ALL never exceeds RESOURCE_LIMITS, refuses only when a limit is reached, and leaves no SN hole', () => {
    const limits = fc.record({ maxSamples: fc.integer({ min: 1, max: 12 }), maxInstances: fc.integer({ min: 1, max: 4 }), per: fc.integer({ min: 1, max: 12 }) });
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ t: fc.constant('write' as const), i: fc.integer({ min: 0, max: 5 }) }) },
      fc.record({ t: fc.constant('ack' as const), k: fc.integer({ min: 0, max: 3 }) }),
    );
    fc.assert(
      fc.property(limits, fc.boolean(), fc.array(step, { maxLength: 120 }), (l, retain, steps) => {
        const per = Math.min(l.per, l.maxSamples);
        const h = new WriterHistoryCache({
          writerGuid,
          history: { kind: 'KEEP_ALL' },
          resourceLimits: { maxSamples: l.maxSamples, maxInstances: l.maxInstances, maxSamplesPerInstance: per },
          retainAcknowledged: retain,
        });
        let next = 1n;
        for (const s of steps) {
          if (s.t === 'ack') {
            const upTo = h.acknowledgedUpTo + BigInt(s.k);
            const before = h.size;
            const removed = h.setAcknowledged(upTo > h.lastChangeSequenceNumber ? h.lastChangeSequenceNumber : upTo);
            expect(h.size).toBe(before - removed.length);
            if (retain) expect(removed).toEqual([]);
            else for (const c of h.cache.changes()) expect(c.sequenceNumber > h.acknowledgedUpTo).toBe(true);
            continue;
          }
          const inst = handle(s.i);
          const sizeBefore = h.size;
          const instBefore = h.instanceSize(inst);
          const countBefore = h.instanceCount;
          const r = h.newChange(ChangeKind.ALIVE, inst, payload, 0);
          if (r.ok) {
            expect(r.change.sequenceNumber).toBe(next++);
            expect(r.removed).toEqual([]);
          } else {
            expect(r.wouldBlock).toBe(!retain);
            if (r.reason === 'MAX_INSTANCES') expect(instBefore === 0 && countBefore >= l.maxInstances).toBe(true);
            if (r.reason === 'MAX_SAMPLES_PER_INSTANCE') expect(instBefore).toBeGreaterThanOrEqual(per);
            if (r.reason === 'MAX_SAMPLES') expect(sizeBefore).toBeGreaterThanOrEqual(l.maxSamples);
          }
          expect(h.size).toBeLessThanOrEqual(l.maxSamples);
          expect(h.instanceCount).toBeLessThanOrEqual(l.maxInstances);
          expect(h.instanceSize(inst)).toBeLessThanOrEqual(per);
        }
      }),
    );
  });

  it('expires changes at the end of their LIFESPAN, oldest first, and says when next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }), (lifespan, gaps) => {
        const h = new WriterHistoryCache({ writerGuid, history: { kind: 'KEEP_ALL' }, lifespan, retainAcknowledged: true });
        let now = 0;
        const writtenAt = new Map<bigint, number>();
        for (const g of gaps) {
          now += g;
          const expired = h.expire(now);
          for (const c of expired) expect(writtenAt.get(c.sequenceNumber)! + lifespan).toBeLessThanOrEqual(now);
          for (const c of h.cache.changes()) expect(writtenAt.get(c.sequenceNumber)! + lifespan).toBeGreaterThan(now);
          const next = h.nextExpiry();
          const min = h.cache.getSeqNumMin();
          expect(next).toBe(min === undefined ? null : writtenAt.get(min)! + lifespan);
          const r = h.newChange(ChangeKind.ALIVE, handle(0), payload, now);
          if (r.ok) writtenAt.set(r.change.sequenceNumber, now);
        }
      }),
    );
  });

  it('keeps everything with no lifespan, rejects bad QoS, and removes on request', () => {
    const h = new WriterHistoryCache({ writerGuid, history: { kind: 'KEEP_ALL' }, retainAcknowledged: false });
    h.newChange(ChangeKind.ALIVE, handle(1), payload, 0);
    const r = h.newChange(ChangeKind.NOT_ALIVE_DISPOSED, handle(1), undefined, 0, { sourceTimestamp: { seconds: 1, fraction: 0 } });
    expect(r.ok && r.change.kind).toBe('NOT_ALIVE_DISPOSED');
    expect(r.ok && r.change.sourceTimestamp).toEqual({ seconds: 1, fraction: 0 });
    expect(h.expire(1e15)).toEqual([]);
    expect(h.nextExpiry()).toBeNull();
    expect(h.removeChange(2n)?.sequenceNumber).toBe(2n);
    expect(h.removeChange(2n)).toBeUndefined();
    expect(h.instanceSize(handle(1))).toBe(1);
    expect(() => new WriterHistoryCache({ writerGuid, history: { kind: 'KEEP_LAST', depth: 0 }, retainAcknowledged: true })).toThrow(RangeError);
    expect(
      () =>
        new WriterHistoryCache({
          writerGuid,
          history: { kind: 'KEEP_LAST', depth: 5 },
          resourceLimits: { maxSamples: 10, maxInstances: 1, maxSamplesPerInstance: 4 },
          retainAcknowledged: true,
        }),
    ).toThrow(/depth/);
  });
});
