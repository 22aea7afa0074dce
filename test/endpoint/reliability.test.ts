import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StatefulReader } from '../../rtps/endpoint/stateful-reader.js';
import type { StatefulWriter, WriterSettings } from '../../rtps/endpoint/stateful-writer.js';
import { DurabilityKind } from '../../rtps/discovery/qos-policies.js';
import { guidEquals } from '../../rtps/types/guid.js';
import { makeReader, makeWriter, match, MS, sampleIndex, samplePayload } from './fixtures.js';
import { SimNetwork, type LinkFaults } from './sim-network.js';

const faults: fc.Arbitrary<LinkFaults> = fc.record({
  loss: fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
  duplicate: fc.integer({ min: 0, max: 30 }).map((p) => p / 100),
  maxDelay: fc.integer({ min: 0, max: 40 }).map((d) => d * MS),
});

/** Largest datagram: one fragment per DATA_FRAG, a few, or whole samples in one DATA_FRAG. */
const maxMessageSize = fc.constantFrom(250, 400, 1400);

/** Sample sizes around the 100-octet fragment size: some go as DATA, some as a few or many DATA_FRAGs. */
const sizes = fc.array(fc.oneof(fc.integer({ min: 8, max: 100 }), fc.integer({ min: 101, max: 900 })), { minLength: 1, maxLength: 25 });

const writerHistory: fc.Arbitrary<Pick<WriterSettings, 'history' | 'resourceLimits'>> = fc.oneof(
  fc.constant({ history: { kind: 'KEEP_ALL' } as const }),
  fc.integer({ min: 2, max: 6 }).map((n) => ({
    history: { kind: 'KEEP_ALL' } as const,
    resourceLimits: { maxSamples: n, maxInstances: Infinity, maxSamplesPerInstance: n },
  })),
  fc.integer({ min: 1, max: 5 }).map((depth) => ({ history: { kind: 'KEEP_LAST', depth } as const })),
);

interface Run {
  readonly delivered: number[][];
  readonly quiet: boolean;
  readonly writer: StatefulWriter;
  readonly readers: StatefulReader[];
}

/** Writes the samples every `interval`, retrying a write that would block, then lets the network settle. */
function simulate(
  net: SimNetwork,
  writer: StatefulWriter,
  readers: StatefulReader[],
  payloads: Uint8Array[],
  interval: number,
  start = net.now,
  delivered: number[][] = readers.map(() => []),
): Run {
  const drain = (): void => {
    readers.forEach((r, i) => {
      for (const s of r.history.take()) if (s.info.validData) delivered[i]!.push(sampleIndex(s.data!));
    });
  };
  let next = 0;
  let writeAt = start;
  const limit = start + 120_000 * MS;
  while (next < payloads.length) {
    const ev = net.nextEvent();
    const t = ev !== null && ev < writeAt ? ev : writeAt;
    if (t > limit) throw new Error('writes never completed');
    net.advanceTo(Math.max(t, net.now));
    drain();
    if (net.now >= writeAt) {
      const r = writer.write(net.now, payloads[next]!);
      if (r.ok) {
        next++;
        writeAt = net.now + interval;
      } else {
        expect(r.wouldBlock).toBe(true);
        // Retry once the network has moved on; a write that would block with nothing pending is a deadlock.
        const ev2 = net.nextEvent();
        if (ev2 === null) throw new Error(`write blocked forever (${r.reason})`);
        writeAt = ev2;
      }
    }
  }
  let quiet = false;
  while (!quiet) {
    const ev = net.nextEvent();
    if (ev === null) quiet = true;
    else if (ev > limit + 120_000 * MS) break;
    else {
      net.advanceTo(Math.max(ev, net.now));
      drain();
    }
  }
  return { delivered, quiet, writer, readers };
}

describe('reliable StatefulWriter → StatefulReader over a lossy network', () => {
  it('delivers every sample exactly once and in order (KEEP_ALL); KEEP_LAST an in-order subsequence ending with the last', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        faults,
        sizes,
        writerHistory,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 30 }),
        maxMessageSize,
        (seed, f, sz, hist, nReaders, intervalMs, mms) => {
          const net = new SimNetwork(seed, f);
          const writer = makeWriter(net, { ...hist, maxMessageSize: mms });
          const readers = Array.from({ length: nReaders }, (_, i) => makeReader(net, i + 1));
          for (const r of readers) match(0, writer, r);
          const payloads = sz.map((s, i) => samplePayload(i, s));
          const run = simulate(net, writer, readers, payloads, intervalMs * MS);
          expect(run.quiet).toBe(true);
          expect(writer.isAcknowledgedByAll()).toBe(true);
          const all = payloads.map((_, i) => i);
          for (const d of run.delivered) {
            if (hist.history.kind === 'KEEP_ALL') expect(d).toEqual(all);
            else {
              for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
              expect(d[d.length - 1]).toBe(payloads.length - 1);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a best-effort reader never gets a duplicate or an out-of-order sample', () => {
    fc.assert(
      fc.property(fc.integer(), faults, sizes, fc.boolean(), fc.integer({ min: 0, max: 30 }), maxMessageSize, (seed, f, sz, writerReliable, intervalMs, mms) => {
        const net = new SimNetwork(seed, f);
        const writer = makeWriter(net, { reliable: writerReliable, maxMessageSize: mms });
        const reader = makeReader(net, 1, { reliable: false });
        match(0, writer, reader, { readerReliable: false, writerReliable: writerReliable });
        const payloads = sz.map((s, i) => samplePayload(i, s));
        const run = simulate(net, writer, [reader], payloads, intervalMs * MS);
        expect(run.quiet).toBe(true);
        const d = run.delivered[0]!;
        for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
        // Nothing waits for a best-effort reader: the writer keeps no unacknowledged state for it.
        expect(writer.nextDeadline()).toBeNull();
        if (f.loss === 0 && f.maxDelay === 0) expect(d).toEqual(payloads.map((_, i) => i));
      }),
      { numRuns: 60 },
    );
  });
});

describe('several writers', () => {
  it('a reader keeps each writer\'s samples whole, in that writer\'s order, exactly once', () => {
    fc.assert(
      fc.property(fc.integer(), faults, sizes, sizes, (seed, f, sizesA, sizesB) => {
        const net = new SimNetwork(seed, f);
        const writers = [makeWriter(net, { maxMessageSize: 250 }, 0), makeWriter(net, { maxMessageSize: 400 }, 5)];
        const reader = makeReader(net, 1);
        for (const w of writers) match(0, w, reader);
        const plans = [sizesA.map((s, i) => samplePayload(i, s)), sizesB.map((s, i) => samplePayload(1000 + i, s))];
        for (let i = 0; i < Math.max(sizesA.length, sizesB.length); i++) {
          plans.forEach((p, w) => p[i] !== undefined && expect(writers[w]!.write(net.now, p[i]!).ok).toBe(true));
          net.advanceTo(net.now + MS);
        }
        expect(net.runUntilQuiet(net.now + 300_000 * MS)).toBe(true);
        const all = reader.history.take();
        expect(all).toHaveLength(sizesA.length + sizesB.length);
        writers.forEach((w, i) => {
          const mine = all.filter((x) => guidEquals(x.info.publicationHandle, w.guid)).map((x) => sampleIndex(x.data!));
          expect(mine).toEqual(plans[i]!.map(sampleIndex));
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('durability', () => {
  it('a TRANSIENT_LOCAL late joiner gets the history the writer still holds, in order', () => {
    fc.assert(
      fc.property(fc.integer(), faults, sizes, fc.integer({ min: 1, max: 8 }), (seed, f, sz, depth) => {
        const net = new SimNetwork(seed, f);
        const writer = makeWriter(net, { durability: DurabilityKind.TRANSIENT_LOCAL, history: { kind: 'KEEP_LAST', depth }, maxMessageSize: 250 });
        const payloads = sz.map((s, i) => samplePayload(i, s));
        for (const p of payloads) expect(writer.write(net.now, p).ok).toBe(true);
        const reader = makeReader(net, 1);
        match(net.now, writer, reader, { readerDurability: DurabilityKind.TRANSIENT_LOCAL });
        const run = simulate(net, writer, [reader], [], 0);
        expect(run.quiet).toBe(true);
        const kept = payloads.map((_, i) => i).slice(-depth);
        expect(run.delivered[0]).toEqual(kept);
      }),
      { numRuns: 40 },
    );
  });

  it('a VOLATILE late joiner gets only what is written after it matched, and is not left NACKing', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        faults,
        sizes,
        sizes,
        fc.constantFrom(DurabilityKind.VOLATILE, DurabilityKind.TRANSIENT_LOCAL),
        (seed, f, before, after, writerDurability) => {
          const net = new SimNetwork(seed, f);
          const writer = makeWriter(net, { durability: writerDurability, history: { kind: 'KEEP_LAST', depth: 100 } });
          const early = makeReader(net, 2);
          match(0, writer, early);
          const first = before.map((s, i) => samplePayload(i, s));
          const second = after.map((s, i) => samplePayload(first.length + i, s));
          const run1 = simulate(net, writer, [early], first, 3 * MS);
          const late = makeReader(net, 1);
          match(net.now, writer, late, { readerDurability: DurabilityKind.VOLATILE });
          const run2 = simulate(net, writer, [early, late], second, 3 * MS, net.now, [run1.delivered[0]!, []]);
          expect(run2.quiet).toBe(true);
          expect(writer.isAcknowledgedByAll()).toBe(true);
          expect(run2.delivered[1]).toEqual(second.map((_, i) => first.length + i));
          expect(run2.delivered[0]).toEqual([...first, ...second].map((_, i) => i));
          expect(late.nextDeadline()).toBeNull();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a reader that drops and re-adds the match while the writer keeps it gets the TRANSIENT_LOCAL history again', () => {
    fc.assert(
      fc.property(fc.integer(), faults, sizes, (seed, f, sz) => {
        const net = new SimNetwork(seed, f);
        const writer = makeWriter(net, { durability: DurabilityKind.TRANSIENT_LOCAL, history: { kind: 'KEEP_LAST', depth: 100 } });
        const reader = makeReader(net, 1);
        match(0, writer, reader, { readerDurability: DurabilityKind.TRANSIENT_LOCAL });
        const payloads = sz.map((s, i) => samplePayload(i, s));
        const run1 = simulate(net, writer, [reader], payloads, 2 * MS);
        expect(run1.delivered[0]).toEqual(payloads.map((_, i) => i));
        reader.matchedWriterRemove(writer.guid);
        reader.matchedWriterAdd({ remoteWriterGuid: writer.guid, unicastLocatorList: [], multicastLocatorList: [], reliable: true }, net.now);
        const run2 = simulate(net, writer, [reader], [], 0);
        expect(run2.quiet).toBe(true);
        expect(run2.delivered[0]).toEqual(payloads.map((_, i) => i));
      }),
      { numRuns: 40 },
    );
  });
});
