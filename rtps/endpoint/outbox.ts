import type { GuidPrefix } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { Time } from '../types/time.js';
import type { EntitySubmessage } from '../wire/submessage.js';

/**
 * Where an endpoint's submessages go (8.4.7.5 / 8.4.10.4 locator lists). `guidPrefix` is the remote
 * participant the submessages are for (the assembler prefixes them with INFO_DST), absent for traffic meant
 * for every participant listening on the locators (multicast SPDP, best-effort multicast writers).
 */
export interface Destination {
  readonly guidPrefix?: GuidPrefix;
  readonly locators: readonly Locator[];
}

/**
 * The one way an endpoint emits traffic. Endpoints enqueue submessages while handling an input; the
 * participant flushes the outbox once the input is handled, packing everything bound for the same
 * destination into as few datagrams as the largest datagram allows (so a DATA and the HEARTBEAT after it
 * share a datagram, 8.4.15.5), with INFO_DST and INFO_TS inserted as needed (8.3.7.5, 8.3.7.9).
 */
export interface Outbox {
  /**
   * `timestamp` is the source timestamp for DATA/DATA_FRAG (sent as INFO_TS before it); other
   * submessages pass none.
   */
  enqueue(destination: Destination, submessage: EntitySubmessage, timestamp?: Time): void;
}
