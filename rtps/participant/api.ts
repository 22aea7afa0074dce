import type { Locator } from '../types/locator.js';
import type { Nanos } from './environment.js';

/**
 * A datagram the participant wants sent (cf. quinn-proto's Transmit). The host (UDP runtime or netem)
 * sends `bytes` to `destination` from the socket that matches `source`: metatraffic (discovery) or user
 * traffic, so the port the peer sees is the one the participant announced.
 */
export interface Transmit {
  readonly destination: Locator;
  readonly source: 'metatraffic' | 'user';
  readonly bytes: Uint8Array;
  /**
   * The same octets in order, in pieces that reference large payloads instead of copying them: a host that can
   * gather (sendmsg, dgram.send([...])) sends these and never asks for `bytes`, which may be built on demand.
   */
  readonly parts?: readonly Uint8Array[];
}

/** Why an incoming datagram was dropped: each reason is a counter the CLI prints with --verbose. */
export type DropReason =
  | 'malformed' // the message header is invalid, or a submessage was invalid (8.3.4.1)
  | 'not-rtps' // no 'RTPS' magic
  | 'unsupported-version' // protocol major version other than 2
  | 'foreign-domain' // discovery data for another domain id or domain tag
  | 'own-message' // our own GUID prefix (multicast loopback)
  | 'unknown-destination' // INFO_DST names another participant
  | 'unknown-entity' // no local reader/writer with that entity id
  | 'unmatched' // from a remote endpoint that is not matched with the local one
  | 'resource-limit'; // history, reassembly or proxy limits reached

/**
 * The sans-I/O participant as its host drives it (the quinn-proto pattern): feed it datagrams and timer
 * expiries, then drain transmits and events and re-arm one timer at pollTimeout(). Nothing inside reads a
 * clock: `now` is monotonic nanoseconds from an origin of the host's choosing.
 */
export interface ParticipantDriver<Event> {
  handleDatagram(now: Nanos, bytes: Uint8Array, source: Locator | undefined, via: 'metatraffic' | 'user'): void;
  handleTimeout(now: Nanos): void;
  /** The next datagram to send, until undefined. */
  pollTransmit(): Transmit | undefined;
  /** When handleTimeout wants to be called next; undefined if no timer is pending. */
  pollTimeout(): Nanos | undefined;
  /** The next event (discovery, matching, incompatible QoS, data available...), until undefined. */
  pollEvent(): Event | undefined;
}
