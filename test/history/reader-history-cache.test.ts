import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instanceHandleFromKeyHash, type CacheChange, type ChangeKind } from '../../rtps/history/cache-change.js';
import { ReaderHistoryCache } from '../../rtps/history/reader-history-cache.js';
import { GUIDPREFIX_UNKNOWN, type Guid } from '../../rtps/types/guid.js';

const writerA: Guid = { prefix: GUIDPREFIX_UNKNOWN, entityId: 0x102 };
const writerB: Guid = { prefix: new Uint8Array(12).fill(1), entityId: 0x102 };
const handle = (i: number): string => instanceHandleFromKeyHash(Uint8Array.from({ length: 16 }, (_, k) => (k === 15 ? i : 0)));

let sn = 0n;
function change(kind: ChangeKind, inst: number, writer: Guid = writerA, byte = 0): CacheChange {
  sn++;
  return {
    kind,
    writerGuid: writer,
    instanceHandle: handle(inst),
    sequenceNumber: sn,
    data: kind === 'ALIVE' ? new Uint8Array([0, 1, 0, 0, byte]) : undefined,
    inlineQos: undefined,
    sourceTimestamp: { seconds: Number(sn), fraction: 0 },
  };
}

describe('ReaderHistoryCache (8.2.2, DDS 2.2.2.5)', () => {
  it('tracks sample, view and instance states through a dispose and a rebirth', () => {
    const h = new ReaderHistoryCache({ history: { kind: 'KEEP_ALL' } });
    expect(h.addChange(change('ALIVE', 1, writerA, 7))).toEqual({ accepted: true, stored: true, evicted: 0 });
    let s = h.read();
    expect(s).toHaveLength(1);
    expect(s[0]!.data).toEqual(new Uint8Array([0, 1, 0, 0, 7]));
    expect(s[0]!.info).toMatchObject({ sampleState: 'NOT_READ', viewState: 'NEW', instanceState: 'ALIVE', validData: true, publicationHandle: writerA });
    s = h.read();
    expect(s[0]!.info).toMatchObject({ sampleState: 'READ', viewState: 'NOT_NEW' });

    expect(h.addChange(change('NOT_ALIVE_DISPOSED', 1)).accepted).toBe(true);
    expect(h.instanceState(handle(1))).toBe('NOT_ALIVE_DISPOSED');
    s = h.read({ sampleStates: ['NOT_READ'] });
    expect(s).toHaveLength(1);
    expect(s[0]!.info).toMatchObject({ validData: false, instanceState: 'NOT_ALIVE_DISPOSED', viewState: 'NOT_NEW' });
    expect(s[0]!.data).toBeUndefined();
    // A second dispose changes nothing and queues nothing.
    expect(h.addChange(change('NOT_ALIVE_DISPOSED', 1))).toEqual({ accepted: true, stored: false, evicted: 0 });

    h.addChange(change('ALIVE', 1, writerA, 8));
    expect(h.instanceState(handle(1))).toBe('ALIVE');
    s = h.take();
    expect(s.map((x) => x.info.validData)).toEqual([true, false, true]);
    expect(s.map((x) => x.info.viewState)).toEqual(['NEW', 'NEW', 'NEW']);
    expect(s.map((x) => x.info.disposedGenerationCount)).toEqual([0, 0, 1]);
    expect(s.map((x) => x.info.sampleRank)).toEqual([2, 1, 0]);
    expect(s.map((x) => x.info.generationRank)).toEqual([1, 1, 0]);
    expect(s.map((x) => x.info.absoluteGenerationRank)).toEqual([1, 1, 0]);
    expect(h.size).toBe(0);
    expect(h.take()).toEqual([]);
  });

  it('goes NOT_ALIVE_NO_WRITERS only when the last writer unregisters or is lost, and reclaims taken dead instances', () => {
    const h = new ReaderHistoryCache({ history: { kind: 'KEEP_LAST', depth: 10 } });
    h.addChange(change('ALIVE', 1, writerA));
    h.addChange(change('ALIVE', 1, writerB));
    h.addChange(change('ALIVE', 2, writerA));
    h.addChange(change('NOT_ALIVE_UNREGISTERED', 1, writerA));
    expect(h.instanceState(handle(1))).toBe('ALIVE');
    h.writerLost(writerB);
    expect(h.instanceState(handle(1))).toBe('NOT_ALIVE_NO_WRITERS');
    expect(h.instanceState(handle(2))).toBe('ALIVE');
    const notes = h.read({ instance: handle(1), sampleStates: ['NOT_READ'] }).filter((x) => !x.info.validData);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.info.publicationHandle).toBe(writerB);
    h.writerLost(writerA);
    expect(h.instanceState(handle(2))).toBe('NOT_ALIVE_NO_WRITERS');
    h.take({ instanceStates: ['NOT_ALIVE_NO_WRITERS'], instance: handle(1) });
    expect(h.instanceState(handle(1))).toBeUndefined();
    expect(h.instanceCount).toBe(1);
    // Unregistering an unknown instance is a no-op; a new writer revives a NO_WRITERS instance.
    expect(h.addChange(change('NOT_ALIVE_UNREGISTERED', 9))).toEqual({ accepted: true, stored: false, evicted: 0 });
    h.addChange(change('ALIVE', 2, writerB));
    const s = h.read({ instance: handle(2), viewStates: ['NEW'] });
    expect(s.at(-1)!.info.noWritersGenerationCount).toBe(1);
    expect(s.at(-1)!.info.instanceState).toBe('ALIVE');
  });

  it('a dispose-and-unregister disposes and drops the writer', () => {
    const h = new ReaderHistoryCache({ history: { kind: 'KEEP_ALL' } });
    h.addChange(change('ALIVE', 1));
    h.addChange(change('NOT_ALIVE_DISPOSED_UNREGISTERED', 1));
    expect(h.instanceState(handle(1))).toBe('NOT_ALIVE_DISPOSED');
    h.take();
    expect(h.instanceCount).toBe(0);
  });

  it('KEEP_LAST(depth) keeps the newest depth samples per instance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 }), (depth, writes) => {
        const h = new ReaderHistoryCache({ history: { kind: 'KEEP_LAST', depth } });
        const sent = new Map<string, number[]>();
        writes.forEach((i, k) => {
          const r = h.addChange(change('ALIVE', i, writerA, k));
          expect(r.accepted).toBe(true);
          sent.set(handle(i), [...(sent.get(handle(i)) ?? []), k]);
        });
        const got = new Map<string, number[]>();
        for (const s of h.take()) got.set(s.info.instanceHandle, [...(got.get(s.info.instanceHandle) ?? []), s.data![4]!]);
        expect(got).toEqual(new Map([...sent].map(([inst, ks]) => [inst, ks.slice(-depth)])));
      }),
    );
  });

  it('KEEP_ALL never exceeds RESOURCE_LIMITS, whatever is added, read or taken', () => {
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ t: fc.constant('add' as const), i: fc.integer({ min: 0, max: 5 }), kind: fc.constantFrom<ChangeKind>('ALIVE', 'ALIVE', 'NOT_ALIVE_DISPOSED', 'NOT_ALIVE_UNREGISTERED') }) },
      fc.record({ t: fc.constantFrom('read' as const, 'take' as const), max: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 10 }), fc.array(step, { maxLength: 100 }), (maxSamples, maxInstances, per, steps) => {
        const limits = { maxSamples, maxInstances, maxSamplesPerInstance: Math.min(per, maxSamples) };
        const h = new ReaderHistoryCache({ history: { kind: 'KEEP_ALL' }, resourceLimits: limits });
        for (const s of steps) {
          if (s.t === 'add') {
            const before = h.size;
            const r = h.addChange(change(s.kind, s.i));
            if (!r.accepted) expect(h.size).toBe(before);
          } else {
            const before = h.size;
            const got = s.t === 'read' ? h.read({ maxSamples: s.max }) : h.take({ maxSamples: s.max });
            expect(got.length).toBeLessThanOrEqual(s.max);
            expect(h.size).toBe(s.t === 'take' ? before - got.length : before);
          }
          expect(h.size).toBeLessThanOrEqual(limits.maxSamples);
          expect(h.instanceCount).toBeLessThanOrEqual(limits.maxInstances);
          const perInstance = new Map<string, number>();
          for (const x of h.read()) perInstance.set(x.info.instanceHandle, (perInstance.get(x.info.instanceHandle) ?? 0) + 1);
          for (const n of perInstance.values()) expect(n).toBeLessThanOrEqual(limits.maxSamplesPerInstance);
        }
      }),
    );
  });

  it('refuses a change beyond the limits with the DDS SAMPLE_REJECTED reason', () => {
    const h = new ReaderHistoryCache({ history: { kind: 'KEEP_ALL' }, resourceLimits: { maxSamples: 3, maxInstances: 2, maxSamplesPerInstance: 2 } });
    h.addChange(change('ALIVE', 1));
    h.addChange(change('ALIVE', 1));
    expect(h.addChange(change('ALIVE', 1))).toEqual({ accepted: false, reason: 'REJECTED_BY_SAMPLES_PER_INSTANCE_LIMIT' });
    h.addChange(change('ALIVE', 2));
    expect(h.addChange(change('ALIVE', 3))).toEqual({ accepted: false, reason: 'REJECTED_BY_INSTANCES_LIMIT' });
    expect(h.addChange(change('ALIVE', 2))).toEqual({ accepted: false, reason: 'REJECTED_BY_SAMPLES_LIMIT' });
    expect(h.instanceCount).toBe(2);
  });
});
