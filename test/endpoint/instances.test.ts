import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instanceHandleFromKeyHash } from '../../rtps/history/cache-change.js';
import type { InstanceStateKind } from '../../rtps/history/reader-history-cache.js';
import { makeReader, makeWriter, match, MS, sampleIndex, samplePayload } from './fixtures.js';
import { SimNetwork, PERFECT, type LinkFaults } from './sim-network.js';

const faults: fc.Arbitrary<LinkFaults> = fc.record({
  loss: fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
  duplicate: fc.integer({ min: 0, max: 30 }).map((p) => p / 100),
  maxDelay: fc.integer({ min: 0, max: 40 }).map((d) => d * MS),
});

function keyHash(instance: number): Uint8Array {
  const h = new Uint8Array(16);
  h[15] = instance + 1;
  return h;
}

type Op = { readonly op: 'write' | 'dispose' | 'unregister'; readonly instance: number; readonly size: number };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.record({ op: fc.constantFrom('write', 'write', 'dispose', 'unregister'), instance: fc.integer({ min: 0, max: 2 }), size: fc.integer({ min: 8, max: 400 }) }),
  { minLength: 1, maxLength: 20 },
);

/** What a reader of a single writer must end up believing about each instance (DDS 2.2.2.5.1). */
function model(list: readonly Op[]): Map<number, InstanceStateKind | undefined> {
  const m = new Map<number, InstanceStateKind | undefined>();
  for (const { op, instance } of list) {
    const s = m.get(instance);
    if (op === 'write') m.set(instance, 'ALIVE');
    // ReaderHistoryCache: only an ALIVE (or new) instance becomes DISPOSED; NO_WRITERS stays NO_WRITERS.
    else if (op === 'dispose') m.set(instance, s === undefined || s === 'ALIVE' ? 'NOT_ALIVE_DISPOSED' : s);
    else if (s === 'ALIVE') m.set(instance, 'NOT_ALIVE_NO_WRITERS');
  }
  return m;
}

describe('instances over a lossy network', () => {
  it('dispose and unregister reach the reader as instance state changes (KEEP_ALL and KEEP_LAST 1 per instance)', () => {
    fc.assert(
      fc.property(fc.integer(), faults, ops, fc.boolean(), (seed, f, list, keepAll) => {
        const net = new SimNetwork(seed, f);
        const writer = makeWriter(net, { history: keepAll ? { kind: 'KEEP_ALL' } : { kind: 'KEEP_LAST', depth: 1 } });
        const reader = makeReader(net, 1);
        match(0, writer, reader);
        list.forEach(({ op, instance, size }, i) => {
          const kh = keyHash(instance);
          const r =
            op === 'write'
              ? writer.write(net.now, samplePayload(i, size), { keyHash: kh, sourceTimestamp: { seconds: i, fraction: 0 } })
              : op === 'dispose'
                ? writer.dispose(net.now, kh)
                : writer.unregister(net.now, kh);
          expect(r.ok).toBe(true);
          net.advanceTo(net.now + MS);
        });
        expect(net.runUntilQuiet(net.now + 300_000 * MS)).toBe(true);
        const expected = model(list);
        for (const [instance, state] of expected) {
          const seen = reader.history.instanceState(instanceHandleFromKeyHash(keyHash(instance)));
          if (keepAll) expect(seen).toBe(state);
          // KEEP_LAST may replace changes before the reader got them: only the instance's last change is sure to
          // arrive, and what a NOT_ALIVE change does depends on what came before it.
          else if ([...list].reverse().find((o) => o.instance === instance)!.op === 'write') expect(seen).toBe('ALIVE');
          else expect(seen).not.toBe('ALIVE');
        }
        // Valid samples carry their instance and source timestamp.
        for (const s of reader.history.read()) {
          if (!s.info.validData) continue;
          const i = sampleIndex(s.data!);
          expect(s.info.instanceHandle).toBe(instanceHandleFromKeyHash(keyHash(list[i]!.instance)));
          expect(s.info.sourceTimestamp).toEqual({ seconds: i, fraction: 0 });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('an unmatched writer leaves its instances NOT_ALIVE_NO_WRITERS', () => {
    const net = new SimNetwork(1, PERFECT);
    const writer = makeWriter(net);
    const reader = makeReader(net, 1);
    match(0, writer, reader);
    writer.write(0, samplePayload(0, 20), { keyHash: keyHash(0) });
    net.runUntilQuiet(MS * 1000);
    reader.matchedWriterRemove(writer.guid);
    expect(reader.history.instanceState(instanceHandleFromKeyHash(keyHash(0)))).toBe('NOT_ALIVE_NO_WRITERS');
    expect(reader.matchedWriters()).toEqual([]);
  });
});
