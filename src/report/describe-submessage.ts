import {
  entityIdToString,
  fragmentNumberSetMembers,
  guidPrefixToString,
  locatorToString,
  sequenceNumberSetMembers,
  type EntityId,
} from '../../rtps/index.js';
import type { Submessage } from '../../rtps/wire/submessage.js';

const BUILTIN_NAMES = new Map<EntityId, string>([
  [0x000001c1, 'participant'],
  [0x000002c2, 'sedp-topics-w'],
  [0x000002c7, 'sedp-topics-r'],
  [0x000003c2, 'sedp-pub-w'],
  [0x000003c7, 'sedp-pub-r'],
  [0x000004c2, 'sedp-sub-w'],
  [0x000004c7, 'sedp-sub-r'],
  [0x000100c2, 'spdp-w'],
  [0x000100c7, 'spdp-r'],
  [0x000200c2, 'p2p-msg-w'],
  [0x000200c7, 'p2p-msg-r'],
  [0x000300c3, 'tl-req-w'],
  [0x000300c4, 'tl-req-r'],
  [0x000301c3, 'tl-reply-w'],
  [0x000301c4, 'tl-reply-r'],
]);

/** An entity id as a reader of captures wants it: the built-in endpoint's name, or its hex. */
export function entityName(id: EntityId): string {
  if (id === 0) return 'unknown';
  return BUILTIN_NAMES.get(id) ?? entityIdToString(id);
}

function snList(members: readonly bigint[] | readonly number[]): string {
  return members.length === 0 ? '{}' : `{${members.join(',')}}`;
}

function flags(pairs: readonly (readonly [boolean, string])[]): string {
  const on = pairs.filter(([set]) => set).map(([, name]) => name);
  return on.length === 0 ? '' : ` [${on.join('')}]`;
}

/** One line per submessage, in the vocabulary of the spec (and close to what tshark prints). */
export function describeSubmessage(m: Submessage): string {
  switch (m.kind) {
    case 'DATA':
      return `DATA${flags([[m.inlineQosFlag, 'Q'], [m.dataFlag, 'D'], [m.keyFlag, 'K']])} ${entityName(m.writerId)} -> ${entityName(m.readerId)} sn=${m.writerSN} payload=${m.serializedPayload?.length ?? 0}B`;
    case 'DATA_FRAG': {
      const last = m.fragmentStartingNum + m.fragmentsInSubmessage - 1;
      return `DATA_FRAG${flags([[m.inlineQosFlag, 'Q'], [m.keyFlag, 'K']])} ${entityName(m.writerId)} -> ${entityName(m.readerId)} sn=${m.writerSN} frags=${m.fragmentStartingNum}..${last}/${Math.ceil(m.sampleSize / Math.max(1, m.fragmentSize))} fragSize=${m.fragmentSize} sampleSize=${m.sampleSize}`;
    }
    case 'HEARTBEAT':
      return `HEARTBEAT${flags([[m.finalFlag, 'F'], [m.livelinessFlag, 'L'], [m.groupInfoFlag, 'G']])} ${entityName(m.writerId)} -> ${entityName(m.readerId)} first=${m.firstSN} last=${m.lastSN} count=${m.count}`;
    case 'ACKNACK':
      return `ACKNACK${flags([[m.finalFlag, 'F']])} ${entityName(m.readerId)} -> ${entityName(m.writerId)} base=${m.readerSNState.bitmapBase} missing=${snList(sequenceNumberSetMembers(m.readerSNState))} count=${m.count}`;
    case 'GAP':
      return `GAP ${entityName(m.writerId)} -> ${entityName(m.readerId)} start=${m.gapStart} list=${m.gapList.bitmapBase}+${snList(sequenceNumberSetMembers(m.gapList))}`;
    case 'HEARTBEAT_FRAG':
      return `HEARTBEAT_FRAG ${entityName(m.writerId)} -> ${entityName(m.readerId)} sn=${m.writerSN} lastFrag=${m.lastFragmentNum} count=${m.count}`;
    case 'NACK_FRAG':
      return `NACK_FRAG ${entityName(m.readerId)} -> ${entityName(m.writerId)} sn=${m.writerSN} missing=${snList(fragmentNumberSetMembers(m.fragmentNumberState))} count=${m.count}`;
    case 'INFO_DST':
      return `INFO_DST ${guidPrefixToString(m.guidPrefix)}`;
    case 'INFO_SRC':
      return `INFO_SRC ${guidPrefixToString(m.guidPrefix)} v${m.protocolVersion.major}.${m.protocolVersion.minor}`;
    case 'INFO_TS':
      return m.timestamp === undefined ? 'INFO_TS [I]' : `INFO_TS ${(m.timestamp.seconds + m.timestamp.fraction / 2 ** 32).toFixed(6)}`;
    case 'INFO_REPLY':
      return `INFO_REPLY ${m.unicastLocatorList.map(locatorToString).join(' ')}${m.multicastLocatorList ? ' mc ' + m.multicastLocatorList.map(locatorToString).join(' ') : ''}`;
    case 'INFO_REPLY_IP4': {
      const ip = (a: number): string => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
      return `INFO_REPLY_IP4 ${ip(m.unicastLocator.address)}:${m.unicastLocator.port}`;
    }
    case 'PAD':
      return `PAD ${m.padding.length}B`;
    case 'UNKNOWN':
      return `UNKNOWN id=0x${m.id.toString(16).padStart(2, '0')} flags=0x${m.flags.toString(16).padStart(2, '0')} ${m.body.length}B`;
  }
}
