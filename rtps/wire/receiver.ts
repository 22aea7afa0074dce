import { GUIDPREFIX_UNKNOWN, guidPrefixEquals, type GuidPrefix } from '../types/guid.js';
import { LOCATOR_INVALID, LOCATOR_PORT_INVALID, type Locator } from '../types/locator.js';
import { TIME_INVALID, type Time } from '../types/time.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';
import type { RtpsMessage } from './message.js';
import type { EntitySubmessage } from './submessage.js';
import { locatorFromUDPv4 } from './submessages/info-reply-ip4.js';
import type { UnknownSubmessage } from './submessages/unknown.js';

/** The Receiver's interpretation state (8.3.4, table 8.16), as it applies to one submessage. Never mutated. */
export interface ReceiverState {
  readonly sourceVersion: ProtocolVersion;
  readonly sourceVendorId: VendorId;
  readonly sourceGuidPrefix: GuidPrefix;
  readonly destGuidPrefix: GuidPrefix;
  readonly unicastReplyLocatorList: readonly Locator[];
  readonly multicastReplyLocatorList: readonly Locator[];
  readonly haveTimestamp: boolean;
  /** Meaningful only when haveTimestamp; TIME_INVALID until an INFO_TS sets it. */
  readonly timestamp: Time;
}

/** Where a message came from and who received it: the inputs of the initial receiver state (8.3.4). */
export interface ReceptionContext {
  /** The transport address the message arrived from; seeds the reply locator lists. */
  readonly sourceLocator?: Locator;
  /** The receiving participant's GuidPrefix, the initial destGuidPrefix; GUIDPREFIX_UNKNOWN if not given. */
  readonly localGuidPrefix?: GuidPrefix;
}

/**
 * A submessage that is not an interpreter submessage, with the receiver state it must be interpreted in.
 * UNKNOWN submessages are included because a vendor-specific one is meaningful given sourceVendorId.
 */
export interface InterpretedSubmessage {
  readonly submessage: EntitySubmessage | UnknownSubmessage;
  readonly receiver: ReceiverState;
}

/** The receiver state before the first submessage (8.3.4, table 8.16). */
export function initialReceiverState(msg: RtpsMessage, ctx: ReceptionContext = {}): ReceiverState {
  const src = ctx.sourceLocator;
  return {
    sourceVersion: msg.header.protocolVersion,
    sourceVendorId: msg.header.vendorId,
    sourceGuidPrefix: msg.header.guidPrefix,
    destGuidPrefix: ctx.localGuidPrefix ?? GUIDPREFIX_UNKNOWN,
    // Table 8.16: the source's kind and address with an invalid port, and its kind with an invalid address.
    // Without a source locator there is nobody known to reply to: both lists start empty.
    unicastReplyLocatorList: src === undefined ? [] : [{ kind: src.kind, port: LOCATOR_PORT_INVALID, address: src.address }],
    multicastReplyLocatorList:
      src === undefined ? [] : [{ kind: src.kind, port: LOCATOR_PORT_INVALID, address: LOCATOR_INVALID.address }],
    haveTimestamp: false,
    timestamp: TIME_INVALID,
  };
}

/**
 * Walks a message's submessages in order, applying each interpreter submessage to the receiver state as
 * 8.3.7.7-8.3.7.11 say, and returns every other submessage paired with the state that applies to it.
 * Consecutive submessages share one state object until an interpreter submessage changes it.
 */
export function interpretMessage(msg: RtpsMessage, ctx: ReceptionContext = {}): InterpretedSubmessage[] {
  let state = initialReceiverState(msg, ctx);
  const out: InterpretedSubmessage[] = [];
  for (const sm of msg.submessages) {
    switch (sm.kind) {
      case 'INFO_DST':
        // 8.3.7.7.4: GUIDPREFIX_UNKNOWN means the receiving participant itself.
        state = { ...state, destGuidPrefix: guidPrefixEquals(sm.guidPrefix, GUIDPREFIX_UNKNOWN) ? (ctx.localGuidPrefix ?? GUIDPREFIX_UNKNOWN) : sm.guidPrefix };
        break;
      case 'INFO_SRC':
        // 8.3.7.9.4: a new source; its reply locators and timestamp are not known.
        state = {
          ...state,
          sourceGuidPrefix: sm.guidPrefix,
          sourceVersion: sm.protocolVersion,
          sourceVendorId: sm.vendorId,
          unicastReplyLocatorList: [LOCATOR_INVALID],
          multicastReplyLocatorList: [LOCATOR_INVALID],
          haveTimestamp: false,
        };
        break;
      case 'INFO_REPLY':
        // 8.3.7.8.4: without the M flag the multicast list becomes empty.
        state = {
          ...state,
          unicastReplyLocatorList: sm.unicastLocatorList,
          multicastReplyLocatorList: sm.multicastLocatorList ?? [],
        };
        break;
      case 'INFO_REPLY_IP4':
        state = {
          ...state,
          unicastReplyLocatorList: [locatorFromUDPv4(sm.unicastLocator)],
          multicastReplyLocatorList: sm.multicastLocator === undefined ? [] : [locatorFromUDPv4(sm.multicastLocator)],
        };
        break;
      case 'INFO_TS':
        // 8.3.7.11.4: the I flag clears haveTimestamp; otherwise the timestamp applies from here on.
        state =
          sm.timestamp === undefined
            ? { ...state, haveTimestamp: false }
            : { ...state, haveTimestamp: true, timestamp: sm.timestamp };
        break;
      case 'PAD':
        break;
      default:
        out.push({ submessage: sm, receiver: state });
    }
  }
  return out;
}
