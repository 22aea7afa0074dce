import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChangeForReaderStatus } from '../../rtps/behavior/change-for-reader.js';
import { ReaderProxy } from '../../rtps/behavior/reader-proxy.js';
import { GUIDPREFIX_UNKNOWN } from '../../rtps/types/guid.js';

const attrs = (reliable: boolean) => ({
  remoteReaderGuid: { prefix: GUIDPREFIX_UNKNOWN, entityId: 0x107 },
  unicastLocatorList: [],
  multicastLocatorList: [],
  expectsInlineQos: false,
  reliable,
});

type Op =
  | { readonly t: 'write'; readonly k: number }
  | { readonly t: 'send' }
  | { readonly t: 'gapTo'; readonly k: number }
  | { readonly t: 'ack'; readonly sn: number }
  | { readonly t: 'nack'; readonly sns: number[] }
  | { readonly t: 'resend' }
  | { readonly t: 'tick'; readonly dt: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('write' as const), k: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ t: fc.constant('send' as const) }),
  fc.record({ t: fc.constant('gapTo' as const), k: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ t: fc.constant('ack' as const), sn: fc.integer({ min: -1, max: 40 }) }),
  fc.record({ t: fc.constant('nack' as const), sns: fc.array(fc.integer({ min: 0, max: 45 }), { maxLength: 8 }) }),
  fc.record({ t: fc.constant('resend' as const) }),
  fc.record({ t: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 30 }) }),
);

/** changes_for_reader materialised per change, exactly as 8.4.7.5 words it. */
class Model {
  status = new Map<number, ChangeForReaderStatus>();
  underwayUntil = new Map<number, number>();
  constructor(
    private readonly reliable: boolean,
    private readonly suppression: number,
    initialAcked: number,
  ) {
    for (let sn = 1; sn <= initialAcked; sn++) this.status.set(sn, 'ACKNOWLEDGED');
  }
  get(sn: number, now: number): ChangeForReaderStatus {
    const s = this.status.get(sn) ?? 'UNSENT';
    if (s === 'UNDERWAY' && this.underwayUntil.get(sn)! <= now) return 'UNACKNOWLEDGED';
    return s;
  }
  nextUnsent(last: number): number | undefined {
    for (let sn = 1; sn <= last; sn++) {
      if (this.get(sn, 0) === 'UNSENT') {
        this.status.set(sn, this.reliable ? 'UNACKNOWLEDGED' : 'ACKNOWLEDGED');
        return sn;
      }
    }
    return undefined;
  }
  sentUpTo(n: number): void {
    for (let sn = 1; sn <= n; sn++) if (this.get(sn, 0) === 'UNSENT') this.status.set(sn, this.reliable ? 'UNACKNOWLEDGED' : 'ACKNOWLEDGED');
  }
  ack(n: number): void {
    for (let sn = 1; sn <= n; sn++) this.status.set(sn, 'ACKNOWLEDGED');
  }
  nack(sns: number[], now: number): void {
    for (const sn of sns) if (this.get(sn, now) === 'UNACKNOWLEDGED') this.status.set(sn, 'REQUESTED');
  }
  nextRequested(now: number): number | undefined {
    const req = [...this.status].filter(([, s]) => s === 'REQUESTED').map(([sn]) => sn);
    if (req.length === 0) return undefined;
    const sn = Math.min(...req);
    if (this.suppression > 0) {
      this.status.set(sn, 'UNDERWAY');
      this.underwayUntil.set(sn, now + this.suppression);
    } else this.status.set(sn, 'UNACKNOWLEDGED');
    return sn;
  }
}

describe('ReaderProxy (8.4.7.5)', () => {
  it('agrees with the literal per-change model of changes_for_reader under any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(0, 10),
        fc.integer({ min: 0, max: 3 }),
        fc.array(op, { maxLength: 80 }),
        (reliable, suppression, initialAcked, ops) => {
          const rp = new ReaderProxy(attrs(reliable), { initialAcknowledged: BigInt(initialAcked), nackSuppressionDuration: suppression });
          const model = new Model(reliable, suppression, initialAcked);
          let last = initialAcked;
          let now = 0;
          for (const o of ops) {
            switch (o.t) {
              case 'write':
                last += o.k;
                break;
              case 'send': {
                const got = rp.nextUnsentChange(BigInt(last));
                expect(got === undefined ? undefined : Number(got)).toBe(model.nextUnsent(last));
                break;
              }
              case 'gapTo': {
                // One GAP covering the next k changes the history no longer holds.
                const upTo = Math.min(last, Number(rp.highestSent) + o.k);
                rp.sentUpTo(BigInt(upTo));
                model.sentUpTo(upTo);
                break;
              }
              case 'ack':
                if (o.sn <= last) {
                  rp.ackedChangesSet(BigInt(o.sn));
                  model.ack(o.sn);
                }
                break;
              case 'nack':
                rp.requestedChangesSet(o.sns.map(BigInt), now);
                model.nack(o.sns, now);
                break;
              case 'resend': {
                const got = rp.nextRequestedChange(now);
                expect(got === undefined ? undefined : Number(got)).toBe(model.nextRequested(now));
                break;
              }
              case 'tick':
                now += o.dt;
                break;
            }
            for (let sn = 1; sn <= last + 2; sn++) expect(rp.changeForReaderStatus(BigInt(sn), now)).toBe(model.get(sn, now));
            const statuses = Array.from({ length: last }, (_, i) => model.get(i + 1, now));
            expect(rp.hasUnsentChanges(BigInt(last))).toBe(statuses.includes('UNSENT'));
            expect(rp.hasRequestedChanges()).toBe(statuses.includes('REQUESTED'));
            expect(rp.hasUnackedChanges()).toBe(statuses.some((s) => s === 'UNACKNOWLEDGED' || s === 'UNDERWAY' || s === 'REQUESTED'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after acked_changes_set(n) nothing <= n is unacknowledged or requested', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 1, max: 60 })), fc.integer({ min: 0, max: 60 }), (sent, nacks, n) => {
        const rp = new ReaderProxy(attrs(true));
        for (let i = 0; i < sent; i++) rp.nextUnsentChange(BigInt(sent));
        rp.requestedChangesSet(nacks.map(BigInt), 0);
        rp.ackedChangesSet(BigInt(n));
        for (let sn = 1; sn <= n; sn++) expect(rp.changeForReaderStatus(BigInt(sn), 0)).toBe(ChangeForReaderStatus.ACKNOWLEDGED);
        expect(rp.requestedChanges().every((sn) => sn > BigInt(n))).toBe(true);
        expect(rp.hasUnackedChanges()).toBe(n < sent);
      }),
    );
  });

  it('next_requested_change yields each requested change once, in increasing order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 20 }), { maxLength: 6 }), (batches) => {
        const rp = new ReaderProxy(attrs(true));
        for (let i = 0; i < 100; i++) rp.nextUnsentChange(100n);
        for (const b of batches) rp.requestedChangesSet(b.map(BigInt), 0);
        const out: bigint[] = [];
        for (let sn = rp.nextRequestedChange(0); sn !== undefined; sn = rp.nextRequestedChange(0)) out.push(sn);
        expect(out).toEqual([...new Set(batches.flat())].sort((a, b) => a - b).map(BigInt));
      }),
    );
  });

  it('names the changes a late-joining reader lacks but a VOLATILE writer counts as acknowledged', () => {
    const rp = new ReaderProxy(attrs(true), { initialAcknowledged: 10n });
    expect(rp.acknowledgedButMissing(1n)).toEqual({ first: 1n, last: 10n });
    expect(rp.acknowledgedButMissing(0n)).toEqual({ first: 1n, last: 10n });
    expect(rp.acknowledgedButMissing(11n)).toBeUndefined();
    rp.nextUnsentChange(12n);
    rp.ackedChangesSet(11n);
    expect(rp.acknowledgedButMissing(11n)).toEqual({ first: 11n, last: 11n });
    expect(rp.acknowledgedButMissing(12n)).toBeUndefined();
  });

  it('ignores NACKs of a change resent within nackSuppressionDuration', () => {
    const rp = new ReaderProxy(attrs(true), { nackSuppressionDuration: 100 });
    rp.nextUnsentChange(1n);
    expect(rp.requestedChangesSet([1n], 0)).toBe(1);
    expect(rp.nextRequestedChange(1000)).toBe(1n);
    expect(rp.changeForReaderStatus(1n, 1050)).toBe(ChangeForReaderStatus.UNDERWAY);
    expect(rp.requestedChangesSet([1n], 1099)).toBe(0);
    expect(rp.requestedChangesSet([1n], 1100)).toBe(1);
  });

  it('serves NACK_FRAG requests per change, in order, within range, and forgets them once acknowledged', () => {
    const rp = new ReaderProxy(attrs(true));
    for (let i = 0; i < 5; i++) rp.nextUnsentChange(5n);
    expect(rp.requestedFragmentsSet(4n, [3, 1, 3, 9, 0], 8)).toBe(2);
    expect(rp.requestedFragmentsSet(2n, [2], 8)).toBe(1);
    expect(rp.requestedFragmentsSet(6n, [1], 8)).toBe(0);
    expect(rp.requestedFragmentsSet(3n, [5], 8)).toBe(1);
    rp.ackedChangesSet(3n);
    expect(rp.nextRequestedFragments()).toEqual({ sequenceNumber: 4n, fragmentNumbers: [1, 3] });
    expect(rp.nextRequestedFragments()).toBeUndefined();
    expect(rp.hasRequestedFragments()).toBe(false);
  });

  it('accepts each ACKNACK / NACK_FRAG count once', () => {
    const rp = new ReaderProxy(attrs(true));
    expect(rp.isNewAckNack(5)).toBe(true);
    expect(rp.isNewAckNack(5)).toBe(false);
    expect(rp.isNewAckNack(4)).toBe(false);
    expect(rp.isNewNackFrag(1)).toBe(true);
    expect(rp.isNewNackFrag(1)).toBe(false);
  });
});
