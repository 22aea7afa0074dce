import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WriterProxy } from '../../rtps/behavior/writer-proxy.js';
import { GUIDPREFIX_UNKNOWN } from '../../rtps/types/guid.js';
import { sequenceNumberSetMembers } from '../../rtps/types/number-set.js';

const attributes = { remoteWriterGuid: { prefix: GUIDPREFIX_UNKNOWN, entityId: 0x102 }, unicastLocatorList: [], multicastLocatorList: [] };

interface Change {
  readonly sn: bigint;
}

type Event =
  | { readonly t: 'data'; readonly sn: number }
  | { readonly t: 'gap'; readonly first: number; readonly last: number }
  | { readonly t: 'hb'; readonly first: number; readonly last: number };

/** A history of N SNs, each data or irrelevant, and its events (duplicated, GAP ranges, heartbeats) in random order. */
const scenario = fc
  .record({
    // 0: data; 1: irrelevant; 2: data the writer later also covers with a GAP (e.g. it was evicted).
    kinds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 80 }),
    copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 80, maxLength: 80 }),
    hbs: fc.array(fc.tuple(fc.nat(90), fc.nat(90)), { maxLength: 5 }),
  })
  .chain(({ kinds, copies, hbs }) => {
    const n = kinds.length;
    const events: Event[] = [];
    for (let i = 0; i < n; i++) {
      if (kinds[i] !== 1) for (let c = 0; c < copies[i]!; c++) events.push({ t: 'data', sn: i + 1 });
    }
    // Runs of irrelevant SNs become one GAP range each, sometimes also announced one by one.
    for (let i = 0; i < n; ) {
      if (kinds[i] === 0) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < n && kinds[j + 1] !== 0) j++;
      events.push({ t: 'gap', first: i + 1, last: j + 1 });
      if (copies[i] === 3) for (let k = i; k <= j; k++) events.push({ t: 'gap', first: k + 1, last: k + 1 });
      i = j + 1;
    }
    for (const [a, b] of hbs) {
      const last = Math.min(a, n);
      events.push({ t: 'hb', first: Math.min(b, last + 1), last });
    }
    return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: events.length, maxLength: events.length }).map((keys) => {
      const order = events.map((e, i) => ({ e, k: keys[i]! })).sort((x, y) => x.k - y.k);
      return { n, kinds, events: order.map((o) => o.e) };
    });
  });

/** The literal 8.4.10.4 model: per-SN status, with no cleverness. */
class Model {
  received = new Set<number>();
  irrelevant = new Set<number>();
  lostBelow = 1;
  lastAvailable = 0;
  contiguous(): number {
    let c = this.lostBelow - 1;
    while (this.received.has(c + 1) || this.irrelevant.has(c + 1)) c++;
    return c;
  }
  missing(): number[] {
    const out: number[] = [];
    for (let sn = this.contiguous() + 1; sn <= this.lastAvailable; sn++) if (!this.received.has(sn) && !this.irrelevant.has(sn)) out.push(sn);
    return out;
  }
}

describe('WriterProxy (8.4.10.4)', () => {
  it('delivers every relevant change exactly once, in order, under any arrival order, duplication, GAP and lost update', () => {
    fc.assert(
      fc.property(scenario, ({ n, kinds, events }) => {
        const wp = new WriterProxy<Change>(attributes, { reliable: true });
        const model = new Model();
        const delivered: number[] = [];
        const expected = new Set<number>();
        for (const e of events) {
          let out: Change[];
          if (e.t === 'data') {
            const fresh = e.sn > model.contiguous() && !model.received.has(e.sn) && !model.irrelevant.has(e.sn);
            if (fresh) {
              expected.add(e.sn);
              model.received.add(e.sn);
            }
            model.lastAvailable = Math.max(model.lastAvailable, e.sn);
            out = wp.receivedChangeSet(BigInt(e.sn), { sn: BigInt(e.sn) });
          } else if (e.t === 'gap') {
            for (let k = e.first; k <= e.last; k++) model.irrelevant.add(k);
            model.lastAvailable = Math.max(model.lastAvailable, e.last);
            out = e.first === e.last ? wp.irrelevantChangeSet(BigInt(e.first)) : wp.irrelevantChangeRangeSet(BigInt(e.first), BigInt(e.last));
          } else {
            model.lastAvailable = Math.max(model.lastAvailable, e.last, e.first - 1);
            model.lostBelow = Math.max(model.lostBelow, e.first);
            wp.missingChangesUpdate(BigInt(e.last));
            out = wp.lostChangesUpdate(BigInt(e.first));
          }
          for (const c of out) delivered.push(Number(c.sn));
          expect(wp.availableChangesMax()).toBe(BigInt(model.contiguous()));
          // The ACKNACK readerSNState: base >= 1, at most 256 bits, exactly the missing SNs of its window.
          const set = wp.acknackReaderSNState();
          expect(set.bitmapBase).toBe(BigInt(model.contiguous() + 1));
          expect(set.bitmapBase >= 1n).toBe(true);
          expect(set.numBits).toBeLessThanOrEqual(256);
          const windowEnd = model.contiguous() + 256;
          expect(sequenceNumberSetMembers(set).map(Number)).toEqual(model.missing().filter((sn) => sn <= windowEnd));
        }
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!).toBeGreaterThan(delivered[i - 1]!);
        for (const sn of delivered) expect(kinds[sn - 1]).not.toBe(1);
        expect(new Set(delivered)).toEqual(expected);
        // Once everything has arrived nothing is missing and the whole history is accounted for.
        expect(wp.availableChangesMax()).toBe(BigInt(n));
        expect(wp.hasMissingChanges()).toBe(false);
        expect(wp.bufferedCount).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('without lost updates delivers exactly the data SNs', () => {
    fc.assert(
      fc.property(scenario, ({ kinds, events }) => {
        const wp = new WriterProxy<Change>(attributes, { reliable: true });
        const delivered: bigint[] = [];
        for (const e of events) {
          if (e.t === 'data') delivered.push(...wp.receivedChangeSet(BigInt(e.sn), { sn: BigInt(e.sn) }).map((c) => c.sn));
          else if (e.t === 'gap') delivered.push(...wp.irrelevantChangeRangeSet(BigInt(e.first), BigInt(e.last)).map((c) => c.sn));
        }
        const data = kinds.flatMap((k, i) => (k === 0 ? [BigInt(i + 1)] : []));
        // Data later also GAPped is delivered when it arrived first; the plain data always is, in order.
        expect(delivered.filter((sn) => kinds[Number(sn) - 1] === 0)).toEqual(data);
        expect(delivered.every((sn) => kinds[Number(sn) - 1] !== 1)).toBe(true);
      }),
    );
  });

  it('handles a GAP over a huge range without walking it, and a NACK window far from the start', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true });
    expect(wp.irrelevantChangeRangeSet(1n, 10n ** 15n)).toEqual([]);
    expect(wp.availableChangesMax()).toBe(10n ** 15n);
    wp.missingChangesUpdate(10n ** 15n + 10n ** 9n);
    const set = wp.acknackReaderSNState();
    expect(set.bitmapBase).toBe(10n ** 15n + 1n);
    expect(set.numBits).toBe(256);
    expect(sequenceNumberSetMembers(set)).toHaveLength(256);
  });

  it('NACKs only within the 256-wide window starting at the first missing SN', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true });
    for (let sn = 2n; sn <= 256n; sn++) wp.receivedChangeSet(sn, { sn });
    wp.missingChangesUpdate(258n);
    const set = wp.acknackReaderSNState();
    expect(sequenceNumberSetMembers(set)).toEqual([1n]);
    expect(set.numBits).toBe(1);
    expect(wp.missingChanges()).toEqual([1n, 257n, 258n]);
  });

  it('delivers changes that arrived inside a range later declared irrelevant, and drops data arriving after the GAP', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true });
    expect(wp.receivedChangeSet(3n, { sn: 3n })).toEqual([]);
    expect(wp.irrelevantChangeRangeSet(1n, 4n).map((c) => c.sn)).toEqual([3n]);
    expect(wp.receivedChangeSet(2n, { sn: 2n })).toEqual([]);
    expect(wp.stats.duplicates).toBe(1);
    expect(wp.receivedChangeSet(5n, { sn: 5n }).map((c) => c.sn)).toEqual([5n]);
  });

  it('bounds the reorder buffer: overflow is dropped unrecorded and is NACKed again', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true, maxBuffered: 2 });
    wp.receivedChangeSet(2n, { sn: 2n });
    wp.receivedChangeSet(3n, { sn: 3n });
    expect(wp.receivedChangeSet(4n, { sn: 4n })).toEqual([]);
    expect(wp.stats.overflow).toBe(1);
    expect(wp.bufferedCount).toBe(2);
    expect(sequenceNumberSetMembers(wp.acknackReaderSNState())).toEqual([1n, 4n]);
    expect(wp.receivedChangeSet(1n, { sn: 1n }).map((c) => c.sn)).toEqual([1n, 2n, 3n]);
    expect(wp.receivedChangeSet(4n, { sn: 4n }).map((c) => c.sn)).toEqual([4n]);
  });

  it('bounds the remembered GAP ranges', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true, maxIrrelevantRanges: 3 });
    for (const sn of [3n, 5n, 7n, 9n]) wp.irrelevantChangeSet(sn);
    wp.missingChangesUpdate(10n);
    // The fourth, non-adjacent range was forgotten: 9 is still missing and will be NACKed (and GAPped) again.
    expect(sequenceNumberSetMembers(wp.acknackReaderSNState())).toEqual([1n, 2n, 4n, 6n, 8n, 9n, 10n]);
    // Adjacent ranges merge, so they do not count against the limit.
    wp.irrelevantChangeSet(4n);
    wp.irrelevantChangeSet(9n);
    expect(sequenceNumberSetMembers(wp.acknackReaderSNState())).toEqual([1n, 2n, 6n, 8n, 10n]);
  });

  it('best effort delivers anything newer at once and drops anything older', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 100 }), (arrivals) => {
        const wp = new WriterProxy<Change>(attributes, { reliable: false });
        const delivered: number[] = [];
        let max = 0;
        for (const sn of arrivals) {
          const out = wp.receivedChangeSet(BigInt(sn), { sn: BigInt(sn) });
          if (sn > max) {
            expect(out.map((c) => Number(c.sn))).toEqual([sn]);
            max = sn;
          } else expect(out).toEqual([]);
          delivered.push(...out.map((c) => Number(c.sn)));
        }
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!).toBeGreaterThan(delivered[i - 1]!);
      }),
    );
  });

  it('accepts each HEARTBEAT count once', () => {
    const wp = new WriterProxy<Change>(attributes, { reliable: true });
    expect(wp.isNewHeartbeat(1)).toBe(true);
    expect(wp.isNewHeartbeat(1)).toBe(false);
    expect(wp.isNewHeartbeat(3)).toBe(true);
    expect(wp.isNewHeartbeat(2)).toBe(false);
    expect(wp.isNewHeartbeatFrag(1)).toBe(true);
  });
});
