import { describe, expect, it } from 'vitest';
import { discovery, guidToString } from '../../rtps/index.js';
import { eventsOf, MS, Router, S, type Node } from './router.js';

const { ReliabilityKind, DurabilityKind, HistoryKind } = discovery;
const RELIABLE = { reliability: { kind: ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 0, fraction: 0 } } };
const BEST_EFFORT = { reliability: { kind: ReliabilityKind.BEST_EFFORT, maxBlockingTime: { seconds: 0, fraction: 0 } } };
const KEEP_ALL = { history: { kind: HistoryKind.KEEP_ALL, depth: 1 } };

function payload(i: number): Uint8Array {
  // CDR_LE encapsulation + a uint32, padded to 4.
  return Uint8Array.of(0, 1, 0, 0, i & 0xff, (i >> 8) & 0xff, 0, 0);
}

function taken(n: Node, reader: ReturnType<Node['participant']['createReader']>): number[] {
  void n;
  return reader.take().filter((s) => s.info.validData).map((s) => s.data![4]! | (s.data![5]! << 8));
}

describe('SEDP and matching', () => {
  it('matches a reliable writer with a reader and delivers every sample in order, with loss', () => {
    const r = new Router({ loss: 0.2, seed: 7 });
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    const w = a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    r.pump(a);
    const rd = b.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    r.pump(b);
    r.run(5 * S);
    expect(eventsOf(a, 'publication-matched')).toHaveLength(1);
    expect(eventsOf(b, 'subscription-matched')).toHaveLength(1);
    expect(w.matchedReaders().map(guidToString)).toEqual([guidToString(rd.guid)]);
    for (let i = 0; i < 50; i++) {
      expect(w.write(r.now, payload(i)).ok).toBe(true);
      r.pump(a);
      r.run(10 * MS);
    }
    r.run(5 * S);
    expect(taken(b, rd)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(eventsOf(b, 'data-available').length).toBeGreaterThan(0);
    expect(w.isAcknowledgedByAll()).toBe(true);
  });

  it('a TRANSIENT_LOCAL writer serves history to a late-joining reader', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const qos = { ...RELIABLE, ...KEEP_ALL, durability: { kind: DurabilityKind.TRANSIENT_LOCAL } };
    const w = a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos });
    for (let i = 0; i < 3; i++) w.write(r.now, payload(i));
    r.pump(a);
    r.run(1 * S);
    const b = r.add('b', '10.0.0.2');
    const rd = b.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos });
    r.pump(b);
    r.run(2 * S);
    expect(taken(b, rd)).toEqual([0, 1, 2]);
  });

  it('incompatible reliability and durability produce incompatible-qos and no match', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: { ...BEST_EFFORT } });
    r.pump(a);
    b.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos: { ...RELIABLE, durability: { kind: DurabilityKind.TRANSIENT_LOCAL } } });
    r.pump(b);
    r.run(2 * S);
    expect(eventsOf(a, 'publication-matched')).toHaveLength(0);
    expect(eventsOf(b, 'subscription-matched')).toHaveLength(0);
    const wa = eventsOf(a, 'incompatible-qos');
    const rb = eventsOf(b, 'incompatible-qos');
    expect(wa).toHaveLength(1);
    expect(rb).toHaveLength(1);
    expect(wa[0]!.policies).toEqual(['RELIABILITY', 'DURABILITY']);
    expect(rb[0]!.role).toBe('reader');
  });

  it('different topics or partitions neither match nor complain', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: { partition: { name: ['x*'] } } });
    a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: { partition: { name: ['y'] } } });
    r.pump(a);
    b.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos: { partition: { name: ['xyz'] } } });
    b.participant.createReader(r.now, { topicName: 'Other', typeName: 'U' });
    r.pump(b);
    r.run(2 * S);
    expect(eventsOf(b, 'subscription-matched')).toHaveLength(1);
    expect(eventsOf(b, 'incompatible-qos')).toHaveLength(0);
  });

  it('lease expiry of a participant unmatches its endpoints', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1', { leaseDuration: 2 * S });
    const b = r.add('b', '10.0.0.2', { leaseDuration: 2 * S, spdpPeriod: S / 2 });
    a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U' });
    r.pump(a);
    b.participant.createReader(r.now, { topicName: 'T', typeName: 'U' });
    r.pump(b);
    r.run(1 * S);
    expect(eventsOf(a, 'publication-matched')).toHaveLength(1);
    r.crash(b);
    r.run(3 * S);
    expect(eventsOf(a, 'publication-unmatched')).toEqual([expect.objectContaining({ currentCount: 0 })]);
    expect(eventsOf(a, 'subscription-lost')).toHaveLength(1);
    expect(a.participant.discoveredReaders()).toHaveLength(0);
  });

  it('deleting an endpoint unmatches it remotely; close() unmatches everything at once', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    const w1 = a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U' });
    a.participant.createWriter(r.now, { topicName: 'T', typeName: 'U' });
    r.pump(a);
    b.participant.createReader(r.now, { topicName: 'T', typeName: 'U' });
    r.pump(b);
    r.run(1 * S);
    expect(eventsOf(b, 'subscription-matched')).toHaveLength(2);
    a.participant.deleteEndpoint(r.now, w1.guid);
    r.pump(a);
    r.run(1 * S);
    expect(eventsOf(b, 'subscription-unmatched')).toEqual([expect.objectContaining({ currentCount: 1 })]);
    a.participant.close(r.now);
    r.pump(a);
    r.run(20 * MS);
    expect(eventsOf(b, 'subscription-unmatched')).toHaveLength(2);
    expect(eventsOf(b, 'participant-lost')).toHaveLength(1);
  });

  it('large samples travel as DATA_FRAG within the datagram limit and are reassembled', () => {
    const r = new Router({ loss: 0.1, seed: 3 });
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    const w = a.participant.createWriter(r.now, { topicName: 'Big', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    const rd = b.participant.createReader(r.now, { topicName: 'Big', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    r.pump(a);
    r.pump(b);
    // Discovery under loss may wait for an SPDP period; a VOLATILE writer only serves readers matched when it writes.
    while (r.now < 30 * S && (w.matchedReaders().length === 0 || rd.matchedWriters().length === 0)) r.run(100 * MS);
    const big = new Uint8Array(20_000).map((_, i) => i & 0xff);
    big.set([0, 1, 0, 0]);
    expect(w.write(r.now, big).ok).toBe(true);
    r.pump(a);
    r.run(10 * S);
    const got = rd.take();
    expect(got).toHaveLength(1);
    expect(got[0]!.data).toEqual(big);
    expect(r.largest).toBeLessThanOrEqual(1472);
  });

  it('with fragmentSize left to the datagram limit (the CLI on loopback), a 50 000-octet sample is one datagram', () => {
    const r = new Router();
    const loopback = { maxDatagramSize: () => 65_507, fragmentSize: 0xffff };
    const a = r.add('a', '127.0.0.1', loopback, 0);
    const b = r.add('b', '127.0.0.1', loopback, 1);
    const w = a.participant.createWriter(r.now, { topicName: 'Big', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    const rd = b.participant.createReader(r.now, { topicName: 'Big', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    r.pump(a);
    r.pump(b);
    r.run(1 * S);
    const big = new Uint8Array(50_000).map((_, i) => i & 0xff);
    big.set([0, 1, 0, 0]);
    const before = a.participant.stats().datagramsSent;
    expect(w.write(r.now, big).ok).toBe(true);
    r.pump(a);
    // The whole sample (and its piggy-backed HEARTBEAT) leaves in one datagram, within the limit.
    expect(a.participant.stats().datagramsSent - before).toBe(1);
    expect(r.largest).toBeGreaterThan(50_000);
    expect(r.largest).toBeLessThanOrEqual(65_507);
    r.run(10 * MS);
    expect(rd.take().map((s) => s.data)).toEqual([big]);
  });

  it('keyed instances: dispose reaches the reader; a lost writer leaves its instances NOT_ALIVE_NO_WRITERS', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    const w = a.participant.createWriter(r.now, { topicName: 'K', typeName: 'U', keyed: true, qos: RELIABLE });
    const rd = b.participant.createReader(r.now, { topicName: 'K', typeName: 'U', keyed: true, qos: RELIABLE });
    r.pump(a);
    r.pump(b);
    r.run(1 * S);
    const k1 = new Uint8Array(16).fill(1);
    const k2 = new Uint8Array(16).fill(2);
    w.write(r.now, payload(1), { keyHash: k1 });
    w.write(r.now, payload(2), { keyHash: k2 });
    w.dispose(r.now, k1);
    r.pump(a);
    r.run(1 * S);
    const states = rd.take().map((s) => [s.info.instanceHandle.slice(0, 2), s.info.instanceState, s.info.validData]);
    expect(states).toContainEqual(['01', 'NOT_ALIVE_DISPOSED', false]);
    expect(states).toContainEqual(['02', 'ALIVE', true]);
    const before = eventsOf(b, 'data-available').length;
    a.participant.close(r.now);
    r.pump(a);
    r.run(100 * MS);
    expect(eventsOf(b, 'data-available').length).toBeGreaterThan(before);
    const after = rd.take().map((s) => [s.info.instanceHandle.slice(0, 2), s.info.instanceState]);
    expect(after).toContainEqual(['02', 'NOT_ALIVE_NO_WRITERS']);
  });

  it('a writer and a reader of the same participant match and communicate without the network', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const w = a.participant.createWriter(r.now, { topicName: 'L', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    const rd = a.participant.createReader(r.now, { topicName: 'L', typeName: 'U', qos: { ...RELIABLE, ...KEEP_ALL } });
    expect(eventsOf(a, 'publication-matched')).toHaveLength(0); // not pumped yet
    r.pump(a);
    expect(eventsOf(a, 'publication-matched')).toHaveLength(1);
    expect(eventsOf(a, 'subscription-matched')).toHaveLength(1);
    const sentBefore = r.delivered;
    for (let i = 0; i < 5; i++) w.write(r.now, payload(i));
    r.pump(a);
    expect(taken(a, rd)).toEqual([0, 1, 2, 3, 4]);
    r.run(1 * S);
    expect(w.isAcknowledgedByAll()).toBe(true);
    // Only SPDP went over the (virtual) network meanwhile.
    expect(r.delivered - sentBefore).toBeLessThan(5);
    a.participant.deleteEndpoint(r.now, rd.guid);
    r.pump(a);
    expect(eventsOf(a, 'publication-unmatched')).toEqual([expect.objectContaining({ currentCount: 0 })]);
    expect(w.matchedReaders()).toEqual([]);
  });
});
