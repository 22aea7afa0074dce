import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReaderLocator } from '../../rtps/behavior/reader-locator.js';
import { udpv4Locator } from '../../rtps/types/locator.js';

describe('ReaderLocator (8.4.7.6)', () => {
  it('sends each change once per round, serves requests in order, and resends everything after a reset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 30 }), (last, nacks) => {
        const rl = new ReaderLocator(udpv4Locator('239.255.0.1', 7400), false);
        const round = (): bigint[] => {
          const out: bigint[] = [];
          for (let sn = rl.nextUnsentChange(BigInt(last)); sn !== undefined; sn = rl.nextUnsentChange(BigInt(last))) out.push(sn);
          return out;
        };
        const all = Array.from({ length: last }, (_, i) => BigInt(i + 1));
        expect(round()).toEqual(all);
        expect(rl.hasUnsentChanges(BigInt(last))).toBe(false);
        rl.requestedChangesSet(nacks.map(BigInt));
        const served: bigint[] = [];
        for (let sn = rl.nextRequestedChange(); sn !== undefined; sn = rl.nextRequestedChange()) served.push(sn);
        expect(served).toEqual([...new Set(nacks.filter((n) => n >= 1 && n <= last))].sort((a, b) => a - b).map(BigInt));
        expect(rl.hasRequestedChanges()).toBe(false);
        rl.unsentChangesReset();
        expect(round()).toEqual(all);
      }),
    );
  });

  it('skips a GAPped range with sentUpTo', () => {
    const rl = new ReaderLocator(udpv4Locator('127.0.0.1', 7410), true);
    rl.sentUpTo(5n);
    expect(rl.nextUnsentChange(6n)).toBe(6n);
    expect(rl.highestSent).toBe(6n);
    expect(rl.expectsInlineQos).toBe(true);
  });
});
