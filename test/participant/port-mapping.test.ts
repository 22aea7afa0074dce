import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MULTICAST_ADDRESS,
  DEFAULT_PORT_MAPPING,
  PortMappingError,
  maxDomainId,
  spdpMulticastLocator,
  spdpUnicastPort,
  userUnicastPort,
  wellKnownPorts,
} from '../../rtps/participant/port-mapping.js';
import { LocatorKind, locatorIpv4 } from '../../rtps/types/locator.js';

describe('well-known ports (9.6.2.3)', () => {
  it('matches the table values', () => {
    expect(wellKnownPorts(0, 0)).toEqual({ spdpMulticast: 7400, spdpUnicast: 7410, userMulticast: 7401, userUnicast: 7411 });
    expect(wellKnownPorts(0, 1)).toEqual({ spdpMulticast: 7400, spdpUnicast: 7412, userMulticast: 7401, userUnicast: 7413 });
    expect(wellKnownPorts(1, 2)).toEqual({ spdpMulticast: 7650, spdpUnicast: 7664, userMulticast: 7651, userUnicast: 7665 });
    expect(wellKnownPorts(232, 0)).toEqual({ spdpMulticast: 65400, spdpUnicast: 65410, userMulticast: 65401, userUnicast: 65411 });
  });

  it('gives the SPDP multicast locator on 239.255.0.1', () => {
    const l = spdpMulticastLocator(3);
    expect(l.kind).toBe(LocatorKind.UDPv4);
    expect(locatorIpv4(l)).toBe(DEFAULT_MULTICAST_ADDRESS);
    expect(l.port).toBe(7400 + 3 * 250);
  });

  it('never hands out a port outside 16 bits: it is either valid or a PortMappingError', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 400 }), fc.integer({ min: -5, max: 40_000 }), (domainId, participantId) => {
        try {
          const ports = wellKnownPorts(domainId, participantId);
          for (const p of Object.values(ports)) expect(p >= 1 && p <= 0xffff).toBe(true);
          expect(domainId).toBeGreaterThanOrEqual(0);
          expect(participantId).toBeGreaterThanOrEqual(0);
          // Distinct participants of one domain get distinct unicast ports, never colliding with the multicast ones.
          expect(new Set(Object.values(ports)).size).toBe(4);
        } catch (e) {
          expect(e).toBeInstanceOf(PortMappingError);
        }
      }),
    );
  });

  it('rejects domain 233 (65650) and a participant id that overflows, naming the culprit', () => {
    expect(maxDomainId()).toBe(232);
    expect(() => wellKnownPorts(233, 0)).toThrow(PortMappingError);
    try {
      userUnicastPort(0, 29_063);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PortMappingError);
      expect((e as PortMappingError).what).toBe('port');
      expect((e as PortMappingError).value).toBe(7411 + 2 * 29_063);
    }
    expect(() => spdpUnicastPort(0, 1.5)).toThrow(/participantId/);
    expect(() => spdpUnicastPort(-1, 0)).toThrow(/domainId/);
  });

  it('honours custom parameters', () => {
    const p = { ...DEFAULT_PORT_MAPPING, PB: 17400, PG: 4 };
    expect(wellKnownPorts(0, 3, p)).toEqual({ spdpMulticast: 17400, spdpUnicast: 17422, userMulticast: 17401, userUnicast: 17423 });
  });
});
