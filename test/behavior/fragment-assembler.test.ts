import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FragmentAssembler, type DataFragFragments } from '../../rtps/behavior/fragment-assembler.js';
import { fragmentNumberSetMembers } from '../../rtps/types/number-set.js';

/** The DATA_FRAG submessages a writer would send for `sample`: consecutive fragments grouped by `groups`. */
function split(writer: string, sn: bigint, sample: Uint8Array, fragmentSize: number, groups: number[]): DataFragFragments[] {
  const total = Math.ceil(sample.length / fragmentSize);
  const out: DataFragFragments[] = [];
  let fn = 1;
  let g = 0;
  while (fn <= total) {
    const count = Math.min(groups[g++ % groups.length]!, total - fn + 1);
    const start = (fn - 1) * fragmentSize;
    const end = Math.min(sample.length, (fn + count - 1) * fragmentSize);
    out.push({ writer, writerSN: sn, fragmentStartingNum: fn, fragmentsInSubmessage: count, fragmentSize, sampleSize: sample.length, serializedPayload: sample.slice(start, end) });
    fn += count;
  }
  return out;
}

/** A sample, its fragmentation (two different groupings, so submessages overlap) and a shuffled, duplicated arrival order. */
const delivery = fc
  .record({
    sample: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
    fragmentSize: fc.integer({ min: 1, max: 700 }),
    groupsA: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
    groupsB: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
    useB: fc.boolean(),
  })
  .chain(({ sample, fragmentSize, groupsA, groupsB, useB }) => {
    const fs = Math.min(fragmentSize, sample.length);
    const subs = [...split('w', 7n, sample, fs, groupsA), ...(useB ? split('w', 7n, sample, fs, groupsB) : [])];
    return fc
      .array(fc.tuple(fc.nat(subs.length - 1), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 10 })
      .chain((dups) =>
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: subs.length, maxLength: subs.length }).map((keys) => {
          const items = [...subs.map((s, i) => ({ s, k: keys[i]! })), ...dups.map(([i, k]) => ({ s: subs[i]!, k }))];
          return { sample, fragmentSize: fs, arrivals: items.sort((a, b) => a.k - b.k).map((x) => x.s) };
        }),
      );
  });

describe('FragmentAssembler (8.3.7.3, 8.4.14.1)', () => {
  it('reassembles any permutation with duplicates and overlaps to exactly the original bytes, exactly once', () => {
    fc.assert(
      fc.property(delivery, ({ sample, fragmentSize, arrivals }) => {
        const fa = new FragmentAssembler();
        const total = Math.ceil(sample.length / fragmentSize);
        const have = new Set<number>();
        let completions = 0;
        for (const f of arrivals) {
          const r = fa.addFragments(f);
          const before = have.size;
          for (let fn = f.fragmentStartingNum; fn < f.fragmentStartingNum + f.fragmentsInSubmessage; fn++) have.add(fn);
          if (r.kind === 'complete') {
            completions++;
            expect(r.data).toEqual(sample);
            expect(have.size).toBe(total);
            expect(before).toBeLessThan(total);
          } else if (completions === 0) {
            expect(r.kind).toBe(have.size > before ? 'incomplete' : 'duplicate');
            // The NACK_FRAG set lists exactly the fragments not yet seen, from the first missing, within 256.
            const missing = fa.missingFragments('w', 7n)!;
            const expected = Array.from({ length: total }, (_, i) => i + 1).filter((fn) => !have.has(fn));
            expect(missing.bitmapBase).toBe(expected[0]);
            expect(missing.numBits).toBeLessThanOrEqual(256);
            expect(fragmentNumberSetMembers(missing)).toEqual(expected.filter((fn) => fn < expected[0]! + 256));
          } else {
            expect(r.kind).toBe('duplicate');
          }
        }
        expect(completions).toBe(1);
        expect(fa.bytesInUse).toBe(0);
        expect(fa.missingFragments('w', 7n)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('never exceeds its memory bounds nor throws under adversarial input', () => {
    const limits = { maxSampleSize: 5000, maxBytesPerWriter: 9000, maxBytesTotal: 20000, completedMemory: 4 };
    const frag = fc.record({
      writer: fc.constantFrom('a', 'b', 'c', 'd'),
      writerSN: fc.bigInt({ min: -2n, max: 12n }),
      fragmentStartingNum: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(2 ** 32 - 1), fc.constant(Number.NaN)),
      fragmentsInSubmessage: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(65535)),
      fragmentSize: fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.constant(65535)),
      sampleSize: fc.oneof(fc.integer({ min: 0, max: 6000 }), fc.constant(4e9), fc.constant(2 ** 32 - 1), fc.constant(-1)),
      dataLength: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 20, arbitrary: frag }, fc.record({ discard: fc.constantFrom('a', 'b'), upTo: fc.bigInt({ min: 0n, max: 12n }) }))), (ops) => {
        const fa = new FragmentAssembler(limits);
        for (const o of ops) {
          if ('discard' in o) fa.discardUpTo(o.discard, o.upTo);
          else {
            const r = fa.addFragments({ ...o, serializedPayload: new Uint8Array(o.dataLength) });
            if (r.kind === 'complete') expect(r.data.length).toBe(o.sampleSize);
          }
          expect(fa.bytesInUse).toBeLessThanOrEqual(limits.maxBytesTotal);
          for (const w of ['a', 'b', 'c', 'd']) expect(fa.bytesInUseFor(w)).toBeLessThanOrEqual(limits.maxBytesPerWriter);
        }
        const s = fa.stats;
        expect(s.dropped.invalid + s.dropped.inconsistent + s.dropped.tooLarge + s.duplicates + s.completed).toBeLessThanOrEqual(ops.length);
      }),
      { numRuns: 300 },
    );
  });

  it('drops absurd and inconsistent fragments with a counted reason, allocating nothing', () => {
    const fa = new FragmentAssembler({ maxSampleSize: 1000 });
    const base = { writer: 'w', writerSN: 1n, fragmentStartingNum: 1, fragmentsInSubmessage: 1, fragmentSize: 100, sampleSize: 250, serializedPayload: new Uint8Array(100) };
    expect(fa.addFragments({ ...base, sampleSize: 4e9 })).toEqual({ kind: 'dropped', reason: 'tooLarge' });
    expect(fa.addFragments({ ...base, fragmentSize: 0 })).toEqual({ kind: 'dropped', reason: 'invalid' });
    expect(fa.addFragments({ ...base, fragmentStartingNum: 4 })).toEqual({ kind: 'dropped', reason: 'invalid' });
    expect(fa.addFragments({ ...base, fragmentStartingNum: 0 })).toEqual({ kind: 'dropped', reason: 'invalid' });
    expect(fa.addFragments({ ...base, fragmentSize: 300 })).toEqual({ kind: 'dropped', reason: 'invalid' });
    expect(fa.addFragments({ ...base, serializedPayload: new Uint8Array(99) })).toEqual({ kind: 'dropped', reason: 'invalid' });
    expect(fa.bytesInUse).toBe(0);
    expect(fa.addFragments(base)).toEqual({ kind: 'incomplete' });
    expect(fa.addFragments({ ...base, fragmentStartingNum: 2, sampleSize: 260 })).toEqual({ kind: 'dropped', reason: 'inconsistent' });
    expect(fa.addFragments({ ...base, fragmentStartingNum: 2, fragmentSize: 125, serializedPayload: new Uint8Array(125) })).toEqual({ kind: 'dropped', reason: 'inconsistent' });
    // The last fragment may be short; trailing bytes beyond the sample are ignored.
    expect(fa.addFragments({ ...base, fragmentStartingNum: 2, fragmentsInSubmessage: 2, serializedPayload: new Uint8Array(160) }).kind).toBe('complete');
    expect(fa.addFragments(base)).toEqual({ kind: 'duplicate' });
    expect(fa.stats.dropped).toEqual({ invalid: 5, inconsistent: 2, tooLarge: 1 });
  });

  it('evicts the oldest incomplete sample first, per writer and in total, and counts it', () => {
    const fa = new FragmentAssembler({ maxSampleSize: 1000, maxBytesPerWriter: 2500, maxBytesTotal: 3000 });
    const first = (writer: string, sn: bigint) => ({ writer, writerSN: sn, fragmentStartingNum: 1, fragmentsInSubmessage: 1, fragmentSize: 100, sampleSize: 1000, serializedPayload: new Uint8Array(100) });
    fa.addFragments(first('a', 1n));
    fa.addFragments(first('a', 2n));
    fa.addFragments(first('a', 3n));
    expect(fa.stats.evicted).toBe(1);
    expect(fa.missingFragments('a', 1n)).toBeUndefined();
    expect(fa.missingFragments('a', 2n)).toBeDefined();
    fa.addFragments(first('b', 1n));
    expect(fa.stats.evicted).toBe(2);
    expect(fa.missingFragments('a', 2n)).toBeUndefined();
    expect(fa.partialCount).toBe(2);
    fa.removeWriter('a');
    expect(fa.bytesInUse).toBe(fa.bytesInUseFor('b'));
  });

  it('treats fragments of changes already done with as stale duplicates', () => {
    const fa = new FragmentAssembler();
    const f = { writer: 'w', writerSN: 3n, fragmentStartingNum: 1, fragmentsInSubmessage: 1, fragmentSize: 10, sampleSize: 20, serializedPayload: new Uint8Array(10) };
    fa.addFragments(f);
    fa.discardUpTo('w', 3n);
    expect(fa.bytesInUse).toBe(0);
    expect(fa.addFragments(f)).toEqual({ kind: 'duplicate' });
    expect(fa.missingFragments('w', 3n, 1)).toBeUndefined();
  });

  it('limits the NACK_FRAG set to fragments up to HEARTBEAT_FRAG lastFragmentNum', () => {
    const fa = new FragmentAssembler();
    fa.addFragments({ writer: 'w', writerSN: 1n, fragmentStartingNum: 2, fragmentsInSubmessage: 1, fragmentSize: 1, sampleSize: 600, serializedPayload: new Uint8Array(1) });
    const upTo3 = fa.missingFragments('w', 1n, 3)!;
    expect(fragmentNumberSetMembers(upTo3)).toEqual([1, 3]);
    const all = fa.missingFragments('w', 1n)!;
    expect(all.bitmapBase).toBe(1);
    expect(all.numBits).toBe(256);
    expect(fragmentNumberSetMembers(all)).toHaveLength(255);
  });
});
