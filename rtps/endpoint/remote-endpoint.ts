import type { ReaderProxyAttributes } from '../behavior/reader-proxy.js';
import type { WriterProxyAttributes } from '../behavior/writer-proxy.js';
import type { DurabilityKind } from '../discovery/qos-policies.js';
import type { GuidPrefix } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { Destination } from './outbox.js';

/** A remote reader as matching hands it to a writer (8.4.7.5 ReaderProxy attributes, plus its DURABILITY). */
export interface RemoteReader extends ReaderProxyAttributes {
  /** TRANSIENT_LOCAL or above gets a TRANSIENT_LOCAL writer's history; VOLATILE starts after the last change. */
  readonly durability: DurabilityKind;
}

/** A remote writer as matching hands it to a reader (8.4.10.4 WriterProxy attributes, plus its RELIABILITY). */
export interface RemoteWriter extends WriterProxyAttributes {
  /** Whether the writer is RELIABLE; a best-effort writer matched to a reliable reader is impossible (DDS 2.2.3). */
  readonly reliable: boolean;
}

/**
 * Where to send to a remote endpoint (8.4.7.5, 8.4.10.4): its unicast locators, or its multicast ones when it
 * announced no unicast locator, addressed to its participant.
 */
export function destinationOf(prefix: GuidPrefix, unicast: readonly Locator[], multicast: readonly Locator[]): Destination {
  return { guidPrefix: prefix, locators: unicast.length > 0 ? unicast : multicast };
}
