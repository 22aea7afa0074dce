import { describe, expect, it } from 'vitest';
import { guidPrefixToString, udpv4Locator, LOCATOR_PORT_INVALID } from '../../rtps/index.js';
import { eventsOf, MS, Router, S } from './router.js';

function knows(router: Router, a: string, b: string): boolean {
  const na = router.nodes.find((n) => n.name === a)!;
  const nb = router.nodes.find((n) => n.name === b)!;
  return na.participant.discoveredParticipants().some((d) => guidPrefixToString(d.guid.prefix) === guidPrefixToString(nb.participant.guidPrefix));
}

describe('SPDP discovery', () => {
  it('three participants find each other over multicast within one round trip', () => {
    const r = new Router();
    r.add('a', '10.0.0.1');
    r.add('b', '10.0.0.2');
    r.add('c', '10.0.0.3');
    r.run(50 * MS);
    for (const x of ['a', 'b', 'c']) for (const y of ['a', 'b', 'c']) if (x !== y) expect(knows(r, x, y), `${x} knows ${y}`).toBe(true);
    for (const n of r.nodes) expect(eventsOf(n, 'participant-discovered')).toHaveLength(2);
  });

  it('finds peers by unicast initial peers only (no multicast), port-less peers probing participant ids', () => {
    const r = new Router();
    const peer = (ip: string) => ({ ...udpv4Locator(ip, 0), port: LOCATOR_PORT_INVALID });
    // b has no peers at all: it learns of a from a's announcement and answers it directly.
    r.add('b', '10.0.0.2', { useMulticast: false }, 3);
    r.add('a', '10.0.0.1', { useMulticast: false, initialPeers: [peer('10.0.0.2')] });
    r.run(50 * MS);
    expect(knows(r, 'a', 'b')).toBe(true);
    expect(knows(r, 'b', 'a')).toBe(true);
    // and b keeps a's lease alive although it has no initial peers: it announces to what it discovered
    r.run(60 * S);
    expect(knows(r, 'a', 'b')).toBe(true);
    expect(knows(r, 'b', 'a')).toBe(true);
  });

  it('ignores participants of another domain and counts them', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    // Same port numbers so the datagrams reach a: domain 1's SPDP says domainId 1.
    r.add('b', '10.0.0.2', { domainId: 1, metatrafficMulticastLocators: a.participant.config.metatrafficMulticastLocators });
    r.run(50 * MS);
    expect(knows(r, 'a', 'b')).toBe(false);
    expect(a.participant.stats().dropped['foreign-domain']).toBeGreaterThan(0);
  });

  it('ignores participants with another domain tag', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    r.add('b', '10.0.0.2', { domainTag: 'other' });
    r.run(50 * MS);
    expect(knows(r, 'a', 'b')).toBe(false);
    expect(a.participant.stats().dropped['foreign-domain']).toBeGreaterThan(0);
  });

  it('counts its own multicast datagrams as own messages', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    r.run(10 * MS);
    expect(a.participant.stats().dropped['own-message']).toBeGreaterThan(0);
  });

  it('lease expiry removes a silent participant', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2', { leaseDuration: 5 * S, spdpPeriod: 1 * S });
    r.run(100 * MS);
    expect(knows(r, 'a', 'b')).toBe(true);
    r.crash(b);
    r.run(4 * S);
    expect(knows(r, 'a', 'b')).toBe(true);
    r.run(2 * S);
    expect(knows(r, 'a', 'b')).toBe(false);
    expect(eventsOf(a, 'participant-lost')).toEqual([expect.objectContaining({ reason: 'lease-expired' })]);
  });

  it('a participant that keeps announcing is never expired', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1', { leaseDuration: 3 * S, spdpPeriod: 1 * S });
    r.add('b', '10.0.0.2', { leaseDuration: 3 * S, spdpPeriod: 1 * S });
    r.run(60 * S);
    expect(eventsOf(a, 'participant-lost')).toHaveLength(0);
  });

  it('close() removes the participant at once at its peers', () => {
    const r = new Router();
    const a = r.add('a', '10.0.0.1');
    const b = r.add('b', '10.0.0.2');
    r.run(50 * MS);
    b.participant.close(r.now);
    r.pump(b);
    r.run(10 * MS);
    expect(knows(r, 'a', 'b')).toBe(false);
    expect(eventsOf(a, 'participant-lost')).toEqual([expect.objectContaining({ reason: 'disposed' })]);
    expect(b.participant.pollTimeout()).toBeUndefined();
  });
});
