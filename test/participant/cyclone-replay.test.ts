import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPcap, udpDatagrams } from '../../netem/pcap/index.js';
import { decodeMessage, guidPrefixToString, seededRandom, udpv4Locator, type GuidPrefix } from '../../rtps/index.js';
import type { ParticipantEvent } from '../../rtps/participant/events.js';
import { Participant } from '../../rtps/participant/participant.js';

/**
 * Real Cyclone DDS traffic (test/fixtures/README.md) fed to our Participant. Cyclone's SEDP goes unicast with
 * INFO_DST naming its peer, so our participant takes the GUID prefix of one Cyclone participant: then it is
 * the destination, and must discover the other one through SPDP and its endpoints through reliable SEDP.
 */
function replay(name: string): { events: ParticipantEvent[]; participant: Participant; others: string[] } {
  const file = readPcap(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));
  const grams = udpDatagrams(file).filter((g) => g.payload.length >= 20);
  const prefixes: GuidPrefix[] = [];
  for (const g of grams) {
    const m = decodeMessage(g.payload);
    if (m.ok && !prefixes.some((p) => guidPrefixToString(p) === guidPrefixToString(m.value.header.guidPrefix))) prefixes.push(m.value.header.guidPrefix);
  }
  const me = prefixes[0]!;
  const random = seededRandom(1);
  const t0 = grams[0]!.timeNs;
  const participant = new Participant(
    {
      domainId: 0,
      participantId: 5,
      guidPrefix: me,
      random,
      metatrafficUnicastLocators: [udpv4Locator('127.0.0.1', 7420)],
      defaultUnicastLocators: [udpv4Locator('127.0.0.1', 7421)],
    },
    0,
  );
  const events: ParticipantEvent[] = [];
  for (const g of grams) {
    const now = Number(g.timeNs - t0);
    const src = udpv4Locator(g.srcIp, g.srcPort);
    participant.handleDatagram(now, g.payload, src, g.dstPort % 2 === 0 ? 'metatraffic' : 'user');
    const due = participant.pollTimeout();
    if (due !== undefined && due <= now) participant.handleTimeout(now);
    while (participant.pollTransmit() !== undefined);
    for (let e = participant.pollEvent(); e !== undefined; e = participant.pollEvent()) events.push(e);
  }
  return { events, participant, others: prefixes.slice(1).map(guidPrefixToString) };
}

describe('Cyclone DDS capture replayed into a Participant', () => {
  it('cyclone-pubsub.pcap: discovers the other participant and its DDSPerf endpoints over SEDP', () => {
    const { events, participant, others } = replay('cyclone-pubsub.pcap');
    const discovered = events.flatMap((e) => (e.kind === 'participant-discovered' ? [guidPrefixToString(e.guidPrefix)] : []));
    expect(discovered.length).toBeGreaterThan(0);
    for (const d of discovered) expect(others).toContain(d);
    const topics = new Set(events.flatMap((e) => (e.kind === 'publication-discovered' || e.kind === 'subscription-discovered' ? [e.data.topicName] : [])));
    expect([...topics].some((t) => t.startsWith('DDSPerf'))).toBe(true);
    expect(participant.stats().dropped.malformed).toBe(0);
  });

  it('cyclone-pingpong.pcap: each short-lived pong participant is discovered, then removed by its dispose', () => {
    const { events, participant } = replay('cyclone-pingpong.pcap');
    const found = events.filter((e) => e.kind === 'participant-discovered').length;
    const gone = events.filter((e) => e.kind === 'participant-lost' && e.reason === 'disposed').length;
    expect(found).toBeGreaterThan(1);
    expect(gone).toBe(found);
    expect(participant.stats().dropped.malformed).toBe(0);
  });

  it('cyclone-loss.pcap: nothing throws, nothing malformed', () => {
    const { events, participant } = replay('cyclone-loss.pcap');
    expect(events.some((e) => e.kind === 'participant-discovered')).toBe(true);
    expect(participant.stats().dropped.malformed).toBe(0);
  });
});
