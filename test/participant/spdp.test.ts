import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  discovery,
  ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER,
  ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER,
  ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
  guidPrefixToString,
  guidToString,
  locatorToString,
  seededRandom,
  udpv4Locator,
  type Data,
  type Transmit,
} from '../../rtps/index.js';
import { makeGuidPrefix, type ParticipantConfig } from '../../rtps/participant/config.js';
import { Participant } from '../../rtps/participant/participant.js';
import { guidKeyHash } from '../../rtps/participant/spdp.js';

function make(seed: number, extra: Partial<ParticipantConfig> = {}): Participant {
  const random = seededRandom(seed);
  return new Participant(
    {
      domainId: 3,
      participantId: 1,
      guidPrefix: makeGuidPrefix(random),
      random,
      metatrafficUnicastLocators: [udpv4Locator(`10.0.0.${seed}`, 8162)],
      defaultUnicastLocators: [udpv4Locator(`10.0.0.${seed}`, 8163)],
      participantName: `p${seed}`,
      userData: Uint8Array.of(1, 2, 3),
      ...extra,
    },
    0,
  );
}

function drain(p: Participant): Transmit[] {
  const out: Transmit[] = [];
  for (let t = p.pollTransmit(); t !== undefined; t = p.pollTransmit()) out.push(t);
  return out;
}

function datas(t: Transmit, writerId: number): Data[] {
  const m = decodeMessage(t.bytes);
  if (!m.ok) throw m.error;
  return m.value.submessages.filter((s): s is Data => s.kind === 'DATA' && s.writerId === writerId);
}

describe('SPDP output (8.5.3)', () => {
  it('announces to the multicast group and to every participant id of a port-less initial peer', () => {
    const p = make(1, { initialPeers: [udpv4Locator('10.0.0.7', 0), udpv4Locator('10.0.0.8', 9999)], maxAutoParticipantIndex: 2 });
    const dests = drain(p).map((t) => locatorToString(t.destination));
    // Domain 3: PB + DG*3 = 8150 (multicast), +10 + 2*id for unicast.
    expect(dests).toEqual(['udp/239.255.0.1:8150', 'udp/10.0.0.7:8160', 'udp/10.0.0.7:8162', 'udp/10.0.0.7:8164', 'udp/10.0.0.8:9999']);
  });

  it('without multicast, announces to initial peers only, never to itself', () => {
    const p = make(1, { useMulticast: false, initialPeers: [udpv4Locator('10.0.0.1', 0)], maxAutoParticipantIndex: 1 });
    expect(drain(p).map((t) => locatorToString(t.destination))).toEqual(['udp/10.0.0.1:8160']);
  });

  it('what it announces decodes to its own configuration', () => {
    const p = make(2);
    const [t] = drain(p);
    expect(t!.source).toBe('metatraffic');
    const [d] = datas(t!, ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER);
    const iq = discovery.decodeInlineQos(d!.inlineQos!, true);
    expect(Array.from(iq.keyHash!)).toEqual(Array.from(guidKeyHash({ prefix: p.guidPrefix, entityId: 0x1c1 })));
    const pd = discovery.decodeParticipantDataPayload(d!.serializedPayload!);
    expect(guidPrefixToString(pd.guid.prefix)).toBe(guidPrefixToString(p.guidPrefix));
    expect(pd.domainId).toBe(3);
    expect(pd.entityName).toBe('p2');
    expect(Array.from(pd.userData)).toEqual([1, 2, 3]);
    expect(pd.leaseDuration).toEqual({ seconds: 10, fraction: 0 });
    expect(pd.metatrafficUnicastLocatorList.map(locatorToString)).toEqual(['udp/10.0.0.2:8162']);
    expect(pd.defaultUnicastLocatorList.map(locatorToString)).toEqual(['udp/10.0.0.2:8163']);
    expect(pd.metatrafficMulticastLocatorList.map(locatorToString)).toEqual(['udp/239.255.0.1:8150']);
    const B = discovery.BuiltinEndpointSet;
    for (const bit of [B.DISC_BUILTIN_ENDPOINT_PARTICIPANT_ANNOUNCER, B.DISC_BUILTIN_ENDPOINT_PUBLICATIONS_DETECTOR, B.DISC_BUILTIN_ENDPOINT_SUBSCRIPTIONS_ANNOUNCER]) {
      expect(discovery.hasBuiltinEndpoint(pd.availableBuiltinEndpoints, bit)).toBe(true);
    }
    // We do not implement the participant-message (liveliness) endpoints, so we do not announce them.
    expect(discovery.hasBuiltinEndpoint(pd.availableBuiltinEndpoints, B.BUILTIN_ENDPOINT_PARTICIPANT_MESSAGE_DATA_WRITER)).toBe(false);
  });

  it('announces again every spdpPeriod, jittered by at most 10 %', () => {
    const p = make(1, { spdpPeriod: 1_000_000_000 });
    drain(p);
    let now = 0;
    for (let i = 0; i < 20; i++) {
      const next = p.pollTimeout()!;
      expect(next - now).toBeGreaterThanOrEqual(900_000_000);
      expect(next - now).toBeLessThanOrEqual(1_100_000_000);
      now = next;
      p.handleTimeout(now);
      expect(drain(p)).toHaveLength(1);
    }
  });

  it('close() sends DATA(p[UD]): status disposed|unregistered, key hash and key payload', () => {
    const p = make(4);
    drain(p);
    p.close(5);
    const [t] = drain(p);
    const [d] = datas(t!, ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER);
    expect(d!.keyFlag).toBe(true);
    const iq = discovery.decodeInlineQos(d!.inlineQos!, true);
    expect(iq.statusInfo).toBe(discovery.StatusInfo.DISPOSED | discovery.StatusInfo.UNREGISTERED);
    expect(guidPrefixToString(discovery.decodeBuiltinTopicKeyPayload(d!.serializedPayload!).prefix)).toBe(guidPrefixToString(p.guidPrefix));
    expect(() => p.createWriter(6, { topicName: 't', typeName: 'T' })).toThrow();
  });
});

describe('SEDP output (8.5.4)', () => {
  it('a new endpoint is announced to a discovered participant and decodes as DiscoveredWriterData / ReaderData', () => {
    const a = make(5);
    const b = make(6);
    const spdpA = drain(a)[0]!;
    const spdpB = drain(b)[0]!;
    a.handleDatagram(1, spdpB.bytes, udpv4Locator('10.0.0.6', 8162), 'metatraffic');
    b.handleDatagram(1, spdpA.bytes, udpv4Locator('10.0.0.5', 8162), 'metatraffic');
    drain(a);
    const w = a.createWriter(2, {
      topicName: 'Square',
      typeName: 'ShapeType',
      keyed: true,
      qos: { partition: { name: ['p*'] }, durability: { kind: discovery.DurabilityKind.TRANSIENT_LOCAL } },
    });
    const r = a.createReader(2, { topicName: 'Circle', typeName: 'ShapeType' });
    const out = drain(a);
    expect(out.every((t) => locatorToString(t.destination) === 'udp/10.0.0.6:8162' && t.source === 'metatraffic')).toBe(true);
    const [dw] = out.flatMap((t) => datas(t, ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER));
    const wd = discovery.decodeWriterDataPayload(dw!.serializedPayload!);
    expect(guidToString(wd.remoteWriterGuid)).toBe(guidToString(w.guid));
    expect(w.guid.entityId & 0xff).toBe(0x02);
    expect([wd.topicName, wd.typeName]).toEqual(['Square', 'ShapeType']);
    expect(wd.qos.partition.name).toEqual(['p*']);
    expect(wd.qos.durability.kind).toBe(discovery.DurabilityKind.TRANSIENT_LOCAL);
    expect(wd.qos.reliability.kind).toBe(discovery.ReliabilityKind.RELIABLE);
    expect(wd.unicastLocatorList.map(locatorToString)).toEqual(['udp/10.0.0.5:8163']);
    const [dr] = out.flatMap((t) => datas(t, ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER));
    const rd = discovery.decodeReaderDataPayload(dr!.serializedPayload!);
    expect(guidToString(rd.remoteReaderGuid)).toBe(guidToString(r.guid));
    expect(r.guid.entityId & 0xff).toBe(0x04);
    expect(rd.qos.reliability.kind).toBe(discovery.ReliabilityKind.BEST_EFFORT);
    // b learns both endpoints from these datagrams.
    for (const t of out) b.handleDatagram(3, t.bytes, udpv4Locator('10.0.0.5', 8162), 'metatraffic');
    expect(b.discoveredWriters().map((d) => d.topicName)).toEqual(['Square']);
    expect(b.discoveredReaders().map((d) => d.topicName)).toEqual(['Circle']);
  });

  it('follows a participant to its new address: SEDP goes where the latest SPDP says', () => {
    const a = make(5);
    const random = seededRandom(9);
    const prefix = makeGuidPrefix(random);
    const at = (ip: string): Participant =>
      new Participant({ domainId: 3, participantId: 1, guidPrefix: prefix, random, metatrafficUnicastLocators: [udpv4Locator(ip, 8162)], defaultUnicastLocators: [udpv4Locator(ip, 8163)] }, 0);
    a.handleDatagram(1, drain(at('10.0.0.8'))[0]!.bytes, undefined, 'metatraffic');
    a.handleDatagram(2, drain(at('10.0.0.9'))[0]!.bytes, undefined, 'metatraffic');
    drain(a);
    a.createWriter(3, { topicName: 't', typeName: 'T' });
    const dests = new Set(drain(a).map((t) => locatorToString(t.destination)));
    expect(dests).toEqual(new Set(['udp/10.0.0.9:8162']));
  });

  it('tracks at most maxRemoteEndpoints remote endpoints', () => {
    const a = make(5, { maxRemoteEndpoints: 3 });
    const b = make(6);
    a.handleDatagram(1, drain(b)[0]!.bytes, undefined, 'metatraffic');
    b.handleDatagram(1, drain(a)[0]!.bytes, undefined, 'metatraffic');
    for (let i = 0; i < 5; i++) b.createWriter(2, { topicName: `t${i}`, typeName: 'T' });
    for (const t of drain(b)) if (locatorToString(t.destination) === 'udp/10.0.0.5:8162') a.handleDatagram(3, t.bytes, undefined, 'metatraffic');
    expect(a.discoveredWriters()).toHaveLength(3);
    expect(a.stats().dropped['resource-limit']).toBe(2);
  });
});
