import type { GuidPrefix } from '../types/guid.js';
import { LocatorKind, udpv4Locator, type Locator } from '../types/locator.js';
import type { Time } from '../types/time.js';
import { VendorIds, type VendorId } from '../types/version.js';
import type { Nanos, Random } from './environment.js';
import { DEFAULT_MULTICAST_ADDRESS, DEFAULT_PORT_MAPPING, spdpMulticastPort, type PortMappingParameters } from './port-mapping.js';

/**
 * What the host decides for one DomainParticipant (8.2.4 / 8.4.7.1 / 8.4.10.1 / 8.5.3 attributes). Times are
 * Nanos. Everything the host's environment knows (addresses, MTU, wall clock) comes in here, never read inside.
 */
export interface ParticipantConfig {
  readonly domainId: number;
  /** The participant index of the port mapping (9.6.2.3); fixes our well-known unicast ports. */
  readonly participantId: number;
  /** 12 octets, unique on the network: see makeGuidPrefix. */
  readonly guidPrefix: GuidPrefix;
  readonly random: Random;
  /** Where peers reach our built-in endpoints: our address(es) at the SPDP unicast port. */
  readonly metatrafficUnicastLocators: readonly Locator[];
  /** Where peers reach our user endpoints: our address(es) at the user unicast port. */
  readonly defaultUnicastLocators: readonly Locator[];
  /** Multicast locators we listen on for discovery. Default: the SPDP group and port when useMulticast, else none. */
  readonly metatrafficMulticastLocators?: readonly Locator[];
  /** Multicast locators we listen on for user traffic. Default none. */
  readonly defaultMulticastLocators?: readonly Locator[];
  /** PARTICIPANT USER_DATA (DDS 2.2.3.1), announced in SPDP (ddsperf identifies its peers by it). */
  readonly userData?: Uint8Array;
  /** Most remote participants tracked; SPDP from more is dropped as 'resource-limit'. Default 1024. */
  readonly maxRemoteParticipants?: number;
  /** Most remote writers plus readers tracked; SEDP data for more is dropped as 'resource-limit'. Default 16384. */
  readonly maxRemoteEndpoints?: number;
  /** Announce on, and listen to, the SPDP multicast group (many pod networks have no multicast). */
  readonly useMulticast?: boolean;
  /** Default 239.255.0.1 (9.6.2.3). */
  readonly multicastAddress?: string;
  /**
   * Initial peers (8.5.3.1 SPDPbuiltinParticipantWriter.readerLocators): a locator with port 0 stands for
   * the SPDP unicast ports of participant ids 0..maxAutoParticipantIndex at that address.
   */
  readonly initialPeers?: readonly Locator[];
  /** Highest participant id probed at a port-less initial peer (Cyclone's MaxAutoParticipantIndex). Default 9. */
  readonly maxAutoParticipantIndex?: number;
  readonly portMapping?: PortMappingParameters;
  /** leaseDuration we announce (8.5.3.2). Default 10 s. */
  readonly leaseDuration?: Nanos;
  /** SPDP resendPeriod (8.5.3.1); each announcement is jittered by ±10 %. Default 3 s. */
  readonly spdpPeriod?: Nanos;
  /** heartbeatPeriod of our writers (8.4.7.1). Default 100 ms. */
  readonly heartbeatPeriod?: Nanos;
  /** nackResponseDelay of our writers (8.4.7.1). Default 10 ms. */
  readonly nackResponseDelay?: Nanos;
  /** heartbeatResponseDelay of our readers (8.4.10.1). Default 10 ms. */
  readonly heartbeatResponseDelay?: Nanos;
  /** Largest fragment a writer puts in a DATA_FRAG; larger samples are fragmented (8.4.14.1). Default 1344. */
  readonly fragmentSize?: number;
  /**
   * The largest datagram to send to a locator (from the interface MTU: 65 507 on loopback, 1 472 on plain
   * Ethernet, less over an overlay). Never exceeded. Default: 65 507 for 127.0.0.0/8, else 1 472.
   */
  readonly maxDatagramSize?: (destination: Locator) => number;
  readonly vendorId?: VendorId;
  /** PID_ENTITY_NAME of the participant. */
  readonly participantName?: string;
  /** Domain tag (9.6.2.2 PID_DOMAIN_TAG); participants with another tag are foreign. Default ''. */
  readonly domainTag?: string;
  /** Wall-clock time at `now`, for source timestamps (INFO_TS); without it, DATA goes without one. */
  readonly wallClock?: (now: Nanos) => Time;
}

/** ParticipantConfig with every default applied. */
export interface ResolvedParticipantConfig extends Required<Omit<ParticipantConfig, 'participantName' | 'wallClock'>> {
  readonly participantName: string | undefined;
  readonly wallClock: ((now: Nanos) => Time) | undefined;
}

const MS = 1_000_000;

function isLoopback(l: Locator): boolean {
  return l.kind === LocatorKind.UDPv4 && l.address[12] === 127;
}

/** Default datagram limit: the UDP payload that fits loopback's 64 KiB, or a 1 500-octet Ethernet MTU. */
export function defaultMaxDatagramSize(destination: Locator): number {
  return isLoopback(destination) ? 65_507 : 1_472;
}

/** The configuration with every default applied (and the GUID prefix checked). */
export function resolveConfig(c: ParticipantConfig): ResolvedParticipantConfig {
  if (c.guidPrefix.length !== 12) throw new RangeError(`guidPrefix must be 12 octets, got ${c.guidPrefix.length}`);
  const useMulticast = c.useMulticast ?? true;
  const multicastAddress = c.multicastAddress ?? DEFAULT_MULTICAST_ADDRESS;
  const portMapping = c.portMapping ?? DEFAULT_PORT_MAPPING;
  return {
    ...c,
    useMulticast,
    multicastAddress,
    metatrafficMulticastLocators:
      c.metatrafficMulticastLocators ?? (useMulticast ? [udpv4Locator(multicastAddress, spdpMulticastPort(c.domainId, portMapping))] : []),
    defaultMulticastLocators: c.defaultMulticastLocators ?? [],
    userData: c.userData ?? new Uint8Array(0),
    maxRemoteParticipants: c.maxRemoteParticipants ?? 1024,
    maxRemoteEndpoints: c.maxRemoteEndpoints ?? 16_384,
    initialPeers: c.initialPeers ?? [],
    maxAutoParticipantIndex: c.maxAutoParticipantIndex ?? 9,
    portMapping,
    leaseDuration: c.leaseDuration ?? 10_000 * MS,
    spdpPeriod: c.spdpPeriod ?? 3_000 * MS,
    heartbeatPeriod: c.heartbeatPeriod ?? 100 * MS,
    nackResponseDelay: c.nackResponseDelay ?? 10 * MS,
    heartbeatResponseDelay: c.heartbeatResponseDelay ?? 10 * MS,
    fragmentSize: c.fragmentSize ?? 1344,
    maxDatagramSize: c.maxDatagramSize ?? defaultMaxDatagramSize,
    vendorId: c.vendorId ?? VendorIds.RTPS_POD,
    participantName: c.participantName,
    domainTag: c.domainTag ?? '',
    wallClock: c.wallClock,
  };
}

/**
 * A GuidPrefix (9.3.1.1) for a new participant: the vendor id in the first two octets (as 9.3.1.5 recommends,
 * so prefixes of different vendors never collide), then ten random octets.
 */
export function makeGuidPrefix(random: Random, vendorId: VendorId = VendorIds.RTPS_POD): GuidPrefix {
  const p = new Uint8Array(12);
  p[0] = (vendorId >> 8) & 0xff;
  p[1] = vendorId & 0xff;
  for (let i = 2; i < 12; i += 4) {
    const x = random.nextU32();
    for (let j = 0; j < 4 && i + j < 12; j++) p[i + j] = (x >>> (8 * j)) & 0xff;
  }
  return p;
}
