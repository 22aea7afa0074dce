import { udpv4Locator, type Locator } from '../types/locator.js';

/**
 * Port-number parameters of the well-known port mapping (9.6.2.3 in RTPS 2.5, 9.6.1.1 in 2.2):
 * port base PB, domain gain DG, participant gain PG and the offsets d0..d3.
 */
export interface PortMappingParameters {
  readonly PB: number;
  readonly DG: number;
  readonly PG: number;
  readonly d0: number;
  readonly d1: number;
  readonly d2: number;
  readonly d3: number;
}

/** The spec's default values (9.6.2.3). */
export const DEFAULT_PORT_MAPPING: PortMappingParameters = { PB: 7400, DG: 250, PG: 2, d0: 0, d1: 10, d2: 1, d3: 11 };

/** Default multicast group for SPDP and user traffic (9.6.2.3: "239.255.0.1"). */
export const DEFAULT_MULTICAST_ADDRESS = '239.255.0.1';

/** A domainId / participantId / parameter set that maps to no valid UDP port (9.6.2.3). */
export class PortMappingError extends Error {
  constructor(
    readonly what: 'domainId' | 'participantId' | 'port',
    readonly value: number,
    reason: string,
  ) {
    super(`${what} ${value}: ${reason}`);
    this.name = 'PortMappingError';
  }
}

/** The four well-known ports of one participant (9.6.2.3). */
export interface WellKnownPorts {
  /** SPDP multicast: PB + DG * domainId + d0. */
  readonly spdpMulticast: number;
  /** SPDP unicast: PB + DG * domainId + d1 + PG * participantId. */
  readonly spdpUnicast: number;
  /** User-traffic multicast: PB + DG * domainId + d2. */
  readonly userMulticast: number;
  /** User-traffic unicast: PB + DG * domainId + d3 + PG * participantId. */
  readonly userUnicast: number;
}

function checkId(what: 'domainId' | 'participantId', v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new PortMappingError(what, v, 'must be a non-negative integer');
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) throw new PortMappingError('port', port, 'does not fit a 16-bit UDP port');
  return port;
}

/** SPDP well-known multicast port (9.6.2.3). */
export function spdpMulticastPort(domainId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): number {
  checkId('domainId', domainId);
  return checkPort(p.PB + p.DG * domainId + p.d0);
}

/** SPDP well-known unicast port (9.6.2.3). */
export function spdpUnicastPort(domainId: number, participantId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): number {
  checkId('domainId', domainId);
  checkId('participantId', participantId);
  return checkPort(p.PB + p.DG * domainId + p.d1 + p.PG * participantId);
}

/** Default user-traffic multicast port (9.6.2.3). */
export function userMulticastPort(domainId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): number {
  checkId('domainId', domainId);
  return checkPort(p.PB + p.DG * domainId + p.d2);
}

/** Default user-traffic unicast port (9.6.2.3). */
export function userUnicastPort(domainId: number, participantId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): number {
  checkId('domainId', domainId);
  checkId('participantId', participantId);
  return checkPort(p.PB + p.DG * domainId + p.d3 + p.PG * participantId);
}

/** All four well-known ports of (domainId, participantId) (9.6.2.3); throws PortMappingError if any overflows. */
export function wellKnownPorts(domainId: number, participantId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): WellKnownPorts {
  return {
    spdpMulticast: spdpMulticastPort(domainId, p),
    spdpUnicast: spdpUnicastPort(domainId, participantId, p),
    userMulticast: userMulticastPort(domainId, p),
    userUnicast: userUnicastPort(domainId, participantId, p),
  };
}

/** The highest domainId whose ports all fit 16 bits with participantId 0 (232 with the defaults). */
export function maxDomainId(p: PortMappingParameters = DEFAULT_PORT_MAPPING): number {
  const highestOffset = Math.max(p.d0, p.d1, p.d2, p.d3);
  return Math.floor((0xffff - p.PB - highestOffset) / p.DG);
}

/** SPDP multicast locator of a domain (8.5.3.1 SPDPbuiltinParticipantWriter default, 9.6.2.3). */
export function spdpMulticastLocator(domainId: number, p: PortMappingParameters = DEFAULT_PORT_MAPPING): Locator {
  return udpv4Locator(DEFAULT_MULTICAST_ADDRESS, spdpMulticastPort(domainId, p));
}
