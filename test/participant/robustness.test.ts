import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage, seededRandom, udpv4Locator, type Transmit } from '../../rtps/index.js';
import { makeGuidPrefix } from '../../rtps/participant/config.js';
import { Participant } from '../../rtps/participant/participant.js';
import { rtpsMessageArb } from '../wire/arbitraries.js';

const SOURCE = udpv4Locator('10.0.0.9', 7410);

function participant(maxRemoteParticipants = 16): Participant {
  const random = seededRandom(3);
  return new Participant(
    {
      domainId: 0,
      participantId: 0,
      guidPrefix: makeGuidPrefix(random),
      random,
      metatrafficUnicastLocators: [udpv4Locator('10.0.0.1', 7410)],
      defaultUnicastLocators: [udpv4Locator('10.0.0.1', 7411)],
      maxRemoteParticipants,
    },
    0,
  );
}

/** Another participant's SPDP announcement, as bytes. */
function spdpOf(seed: number): Uint8Array {
  const random = seededRandom(seed);
  const p = new Participant(
    {
      domainId: 0,
      participantId: 1,
      guidPrefix: makeGuidPrefix(random),
      random,
      metatrafficUnicastLocators: [udpv4Locator('10.0.0.2', 7412)],
      defaultUnicastLocators: [udpv4Locator('10.0.0.2', 7413)],
    },
    0,
  );
  return (p.pollTransmit() as Transmit).bytes;
}

function totalDrops(p: Participant): number {
  return Object.values(p.stats().dropped).reduce((a, b) => a + b, 0);
}

function drain(p: Participant): number {
  let n = 0;
  while (p.pollTransmit() !== undefined) n++;
  while (p.pollEvent() !== undefined) n++;
  return n;
}

describe('receive path robustness (8.3.4.1)', () => {
  it('arbitrary bytes never throw and are counted as dropped', () => {
    const p = participant();
    drain(p);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat(), (bytes, t) => {
        const before = totalDrops(p);
        p.handleDatagram(t, bytes, SOURCE, 'metatraffic');
        expect(totalDrops(p)).toBeGreaterThan(before);
        drain(p);
      }),
    );
  });

  it('arbitrary well-formed RTPS messages never throw, and state stays bounded', () => {
    const p = participant(4);
    drain(p);
    fc.assert(
      fc.property(rtpsMessageArb, (msg) => {
        p.handleDatagram(1, encodeMessage(msg), SOURCE, 'metatraffic');
        p.handleTimeout(2);
        expect(p.discoveredParticipants().length).toBeLessThanOrEqual(4);
        expect(drain(p)).toBeLessThan(64);
      }),
    );
  });

  it('corrupted SPDP announcements never throw', () => {
    const good = spdpOf(11);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat({ max: good.length }), (flips, cut) => {
        const p = participant();
        const bytes = good.slice(0, Math.max(cut, 1));
        for (const [at, v] of flips) if (at < bytes.length) bytes[at] = v;
        p.handleDatagram(1, bytes, SOURCE, 'metatraffic');
        drain(p);
      }),
    );
  });

  it('a flood of distinct participants stops at maxRemoteParticipants and is counted', () => {
    const p = participant(8);
    for (let i = 0; i < 20; i++) p.handleDatagram(1, spdpOf(100 + i), SOURCE, 'metatraffic');
    expect(p.discoveredParticipants()).toHaveLength(8);
    expect(p.stats().dropped['resource-limit']).toBe(12);
  });

  it('classifies header failures', () => {
    const p = participant();
    p.handleDatagram(0, new TextEncoder().encode('HTTP/1.1 200 OK\r\n\r\n'), SOURCE, 'user');
    expect(p.stats().dropped['not-rtps']).toBe(1);
    const v3 = spdpOf(5);
    v3[4] = 3;
    p.handleDatagram(0, v3, SOURCE, 'user');
    expect(p.stats().dropped['unsupported-version']).toBe(1);
    p.handleDatagram(0, spdpOf(5).subarray(0, 12), SOURCE, 'user');
    expect(p.stats().dropped.malformed).toBe(1);
  });
});
