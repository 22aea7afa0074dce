// An Outbox that records what an endpoint sends, and receiver states for feeding endpoints by hand.
import type { Destination, Outbox } from '../../rtps/endpoint/outbox.js';
import type { GuidPrefix } from '../../rtps/types/guid.js';
import { TIME_INVALID, type Time } from '../../rtps/types/time.js';
import type { ReceiverState } from '../../rtps/wire/receiver.js';
import type { EntitySubmessage } from '../../rtps/wire/submessage.js';
import { prefix } from './fixtures.js';

export interface Captured {
  readonly destination: Destination;
  readonly submessage: EntitySubmessage;
  readonly timestamp: Time | undefined;
}

export class CaptureOutbox implements Outbox {
  items: Captured[] = [];

  enqueue(destination: Destination, submessage: EntitySubmessage, timestamp?: Time): void {
    this.items.push({ destination, submessage, timestamp });
  }

  /** Everything captured since the last call. */
  take(): Captured[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  /** The submessages captured since the last take, of one kind. */
  static ofKind<K extends EntitySubmessage['kind']>(items: readonly Captured[], kind: K): Extract<EntitySubmessage, { kind: K }>[] {
    return items.map((c) => c.submessage).filter((s): s is Extract<EntitySubmessage, { kind: K }> => s.kind === kind);
  }
}

export function receiverFrom(source: GuidPrefix = prefix(0), timestamp?: Time): ReceiverState {
  return {
    sourceVersion: { major: 2, minor: 5 },
    sourceVendorId: 0x0101,
    sourceGuidPrefix: source,
    destGuidPrefix: prefix(1),
    unicastReplyLocatorList: [],
    multicastReplyLocatorList: [],
    haveTimestamp: timestamp !== undefined,
    timestamp: timestamp ?? TIME_INVALID,
  };
}
