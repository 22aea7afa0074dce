import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discovery, durationToNanos, type Duration } from '../../rtps/index.js';
import { incompatiblePolicies, matchEndpoints, type QosPolicyName } from '../../rtps/participant/matching.js';
import { fnmatch, partitionsMatch } from '../../rtps/participant/partition.js';
import { qosArb } from '../discovery/arbitraries.js';

const { ReliabilityKind, DurabilityKind, LivelinessKind, DestinationOrderKind, PresentationAccessScope, OwnershipKind, DataRepresentationId, defaultQos } = discovery;
type QosPolicies = discovery.QosPolicies;

const ns = (d: Duration): number => {
  const n = durationToNanos(d);
  return n === null ? Infinity : Number(n);
};

/** An offer at least as strong as anything on every ordered policy (ownership and representation aside). */
function strongest(q: QosPolicies): QosPolicies {
  return {
    ...q,
    reliability: { ...q.reliability, kind: ReliabilityKind.RELIABLE },
    durability: { kind: DurabilityKind.PERSISTENT },
    // The smallest Duration_t there is (negative ones are invalid, but arrive from the wire all the same).
    deadline: { period: { seconds: -0x80000000, fraction: 0 } },
    latencyBudget: { duration: { seconds: -0x80000000, fraction: 0 } },
    liveliness: { kind: LivelinessKind.MANUAL_BY_TOPIC, leaseDuration: { seconds: -0x80000000, fraction: 0 } },
    destinationOrder: { kind: DestinationOrderKind.BY_SOURCE_TIMESTAMP },
    presentation: { accessScope: PresentationAccessScope.GROUP, coherentAccess: true, orderedAccess: true },
  };
}

describe('QoS request-vs-offered (DDS 2.2.3)', () => {
  it('every QoS is compatible with itself', () => {
    fc.assert(fc.property(qosArb, (q) => {
        expect(incompatiblePolicies(q, q)).toEqual([]);
      }));
  });

  it('each ordered policy is reported exactly when the offer is weaker than the request', () => {
    fc.assert(
      fc.property(qosArb, qosArb, (o, r) => {
        const got = new Set(incompatiblePolicies(o, r));
        const expected: [QosPolicyName, boolean][] = [
          ['RELIABILITY', o.reliability.kind < r.reliability.kind],
          ['DURABILITY', o.durability.kind < r.durability.kind],
          ['DEADLINE', ns(o.deadline.period) > ns(r.deadline.period)],
          ['LATENCY_BUDGET', ns(o.latencyBudget.duration) > ns(r.latencyBudget.duration)],
          ['LIVELINESS', o.liveliness.kind < r.liveliness.kind || ns(o.liveliness.leaseDuration) > ns(r.liveliness.leaseDuration)],
          ['OWNERSHIP', o.ownership.kind !== r.ownership.kind],
          ['DESTINATION_ORDER', o.destinationOrder.kind < r.destinationOrder.kind],
        ];
        for (const [name, bad] of expected) expect(got.has(name), name).toBe(bad);
      }),
    );
  });

  it('strengthening the offer never adds an incompatibility', () => {
    fc.assert(
      fc.property(qosArb, qosArb, (o, r) => {
        const before = new Set(incompatiblePolicies(o, r));
        const after = incompatiblePolicies(strongest(o), r);
        for (const p of after) expect(before.has(p) || p === 'OWNERSHIP' || p === 'DATA_REPRESENTATION', p).toBe(true);
        expect(after.every((p) => p === 'OWNERSHIP' || p === 'DATA_REPRESENTATION')).toBe(true);
      }),
    );
  });

  it("a default reader accepts any SHARED writer whose first representation is XCDR", () => {
    fc.assert(
      fc.property(qosArb, (o) => {
        const offered = { ...o, ownership: { kind: OwnershipKind.SHARED }, dataRepresentation: { value: [DataRepresentationId.XCDR] } };
        const requested: QosPolicies = { ...defaultQos('reader'), deadline: { period: { seconds: 0x7fffffff, fraction: 0xffffffff } } };
        const got = incompatiblePolicies(offered, requested);
        // The default reader's liveliness lease and latency budget are the loosest: only those can fail.
        expect(got.filter((p) => p !== 'LIVELINESS' && p !== 'LATENCY_BUDGET')).toEqual([]);
      }),
    );
  });

  it('data representation: the writer offers its first, the reader accepts any it lists (XTypes 7.6.3.1.2)', () => {
    const w = (value: number[]) => ({ ...defaultQos('writer'), dataRepresentation: { value } });
    const r = (value: number[]) => ({ ...defaultQos('reader'), dataRepresentation: { value } });
    expect(incompatiblePolicies(w([2, 0]), r([0]))).toEqual(['DATA_REPRESENTATION']);
    expect(incompatiblePolicies(w([0, 2]), r([0]))).toEqual([]);
    expect(incompatiblePolicies(w([2]), r([0, 2]))).toEqual([]);
    expect(incompatiblePolicies(w([]), r([]))).toEqual([]);
    expect(incompatiblePolicies(w([2]), r([]))).toEqual(['DATA_REPRESENTATION']);
  });

  it('presentation: scope ordered, coherent and ordered access required only when requested', () => {
    const p = (accessScope: number, coherentAccess: boolean, orderedAccess: boolean) => ({
      ...defaultQos('writer'),
      presentation: { accessScope: accessScope as 0, coherentAccess, orderedAccess },
    });
    expect(incompatiblePolicies(p(1, false, false), p(2, false, false))).toEqual(['PRESENTATION']);
    expect(incompatiblePolicies(p(2, false, true), p(1, true, false))).toEqual(['PRESENTATION']);
    expect(incompatiblePolicies(p(2, true, true), p(0, false, false))).toEqual([]);
  });

  it('matchEndpoints: other topic, type or partition is unrelated, not incompatible', () => {
    fc.assert(
      fc.property(qosArb, qosArb, fc.string(), fc.string(), (o, r, t1, t2) => {
        const res = matchEndpoints({ topicName: t1, typeName: 'T', qos: o }, { topicName: t2, typeName: 'T', qos: r });
        if (t1 !== t2) expect(res.kind).toBe('unrelated');
        const sameQos = { ...r, partition: o.partition };
        const res2 = matchEndpoints({ topicName: 'x', typeName: 'T', qos: o }, { topicName: 'x', typeName: 'T', qos: sameQos });
        expect(res2.kind === 'matched').toBe(incompatiblePolicies(o, sameQos).length === 0);
      }),
    );
  });
});

/** A reference fnmatch over a small alphabet: the pattern as a regular expression. */
function oracle(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

describe('PARTITION matching (fnmatch)', () => {
  const small = fc.string({ unit: fc.constantFrom('a', 'b', '.'), maxLength: 8 });
  const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', '?'), maxLength: 8 });

  it('agrees with a regular-expression oracle for * and ?', () => {
    fc.assert(fc.property(pattern, small, (p, t) => {
        expect(fnmatch(p, t)).toBe(oracle(p, t));
      }));
  });

  it('classes and escapes', () => {
    expect(fnmatch('[ab]x', 'bx')).toBe(true);
    expect(fnmatch('[!ab]x', 'bx')).toBe(false);
    expect(fnmatch('[a-c]', 'b')).toBe(true);
    expect(fnmatch('\\*', '*')).toBe(true);
    expect(fnmatch('\\*', 'a')).toBe(false);
    expect(fnmatch('[ab', '[ab')).toBe(true);
  });

  it('is symmetric; the default partition is the empty name', () => {
    const names = fc.array(pattern, { maxLength: 3 });
    fc.assert(fc.property(names, names, (a, b) => {
        expect(partitionsMatch(a, b)).toBe(partitionsMatch(b, a));
      }));
    expect(partitionsMatch([], [''])).toBe(true);
    expect(partitionsMatch([], ['x'])).toBe(false);
    expect(partitionsMatch(['x*'], ['xyz'])).toBe(true);
    expect(partitionsMatch(['x*'], ['x?z'])).toBe(false);
  });

  it('terminates quickly on pathological patterns', () => {
    expect(fnmatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
  });
});
