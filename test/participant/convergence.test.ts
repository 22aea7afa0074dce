import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discovery, guidPrefixToString } from '../../rtps/index.js';
import { Router, S } from './router.js';

const RELIABLE = { reliability: { kind: discovery.ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 0, fraction: 0 } } };
const NAMES = ['a', 'b', 'c'] as const;

const cutArb = fc.record({
  start: fc.integer({ min: 0, max: 15 * S }),
  length: fc.integer({ min: S / 10, max: 15 * S }),
  pair: fc.constantFrom<[string, string]>(['a', 'b'], ['a', 'c'], ['b', 'c']),
});

describe('discovery converges after partitions heal (8.5.3, 8.5.4)', () => {
  it('three participants with a reliable writer and reader each end fully discovered and matched', () => {
    fc.assert(
      fc.property(
        fc.array(cutArb, { maxLength: 4 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (cuts, loss, seed, multicast) => {
          const r = new Router({ loss, seed });
          const nodes = NAMES.map((n, i) =>
            r.add(n, `10.0.0.${i + 1}`, {
              useMulticast: multicast,
              initialPeers: multicast ? [] : NAMES.map((_, j) => ({ kind: 1, port: 0, address: Uint8Array.from([...new Array(12).fill(0), 10, 0, 0, j + 1]) })),
              maxAutoParticipantIndex: 0,
            }),
          );
          const endpoints = nodes.map((n) => {
            const w = n.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: RELIABLE });
            const rd = n.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos: RELIABLE });
            r.pump(n);
            return { w, rd };
          });
          const events = [...cuts].sort((x, y) => x.start - y.start);
          const timeline: { at: number; act: () => void }[] = [];
          for (const c of events) {
            timeline.push({ at: c.start, act: () => r.partition(c.pair[0], c.pair[1]) });
          }
          timeline.push({
            at: 20 * S,
            act: () => {
              r.heal();
              r.loss = 0;
            },
          });
          for (const step of timeline.sort((x, y) => x.at - y.at)) {
            r.runUntil(step.at);
            step.act();
          }
          // After the heal: a lease (10 s) plus a few announcement periods (3 s).
          r.runUntil(45 * S);
          for (const [i, n] of nodes.entries()) {
            const others = nodes.filter((_, j) => j !== i).map((o) => guidPrefixToString(o.participant.guidPrefix)).sort();
            const known = n.participant.discoveredParticipants().map((d) => guidPrefixToString(d.guid.prefix)).sort();
            expect(known, `${n.name} participants`).toEqual(others);
            // Two remote readers and the local one.
            expect(endpoints[i]!.w.matchedReaders(), `${n.name} writer`).toHaveLength(3);
            expect(endpoints[i]!.rd.matchedWriters(), `${n.name} reader`).toHaveLength(3);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
