import {
  decodeBuiltinTopicKeyPayload,
  decodeParticipantDataPayload,
  decodeReaderDataPayload,
  decodeTopicDataPayload,
  decodeWriterDataPayload,
  PID_KEY_HASH,
  type DiscoveryDecodeContext,
} from '../../rtps/discovery/index.js';
import {
  type Guid,
  ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER,
  ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER,
  ENTITYID_SEDP_BUILTIN_TOPICS_ANNOUNCER,
  ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
} from '../../rtps/types/guid.js';
import { LocatorKind, type Locator } from '../../rtps/types/locator.js';
import type { FragmentNumberSet, SequenceNumberSet } from '../../rtps/types/number-set.js';
import type { Header } from '../../rtps/wire/header.js';
import { encodeMessage } from '../../rtps/wire/message.js';
import { submessageId, type Submessage } from '../../rtps/wire/submessage.js';
import { SubmessageId } from '../../rtps/wire/submessage-id.js';
import type { Data } from '../../rtps/wire/submessages/data.js';
import { ipv4ToString, ipv6ToString } from '../../netem/pcap/ip-address.js';
import { asTsharkShowsText, type TsharkLocator, type TsharkNumberSet, type TsharkSubmessage } from './tshark.js';

/** The fields of a submessage that both our decoder and tshark report, in tshark's normal form. */
export type ComparableSubmessage = Omit<TsharkSubmessage, 'frame' | 'index' | 'octetsToNextHeader'>;

/** Address text as tshark writes it: dotted quad of the last 4 octets for the IPv4 kinds, else IPv6 text. */
function locatorText(l: Locator): TsharkLocator {
  const ipv4 = l.kind === LocatorKind.UDPv4 || l.kind === LocatorKind.TCPv4;
  return { kind: l.kind >>> 0, port: l.port, address: ipv4 ? ipv4ToString(l.address.subarray(12)) : ipv6ToString(l.address) };
}

/** What the tshark comparison needs from one discovery payload. */
interface DiscoveryView {
  readonly topicName?: string;
  readonly typeName?: string;
  readonly participantGuid?: Guid;
  readonly endpointGuid?: Guid;
  readonly locators: readonly Locator[];
}

/** Built-in writers whose DATA payload is typed discovery data (9.6.2.2, Table 9.13 entity ids). */
const DISCOVERY_WRITERS: Readonly<Record<number, (payload: Uint8Array, ctx: DiscoveryDecodeContext) => DiscoveryView>> = {
  [ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER]: (payload, ctx) => {
    const d = decodeParticipantDataPayload(payload, 0, ctx);
    return {
      participantGuid: d.guid,
      locators: [...d.metatrafficUnicastLocatorList, ...d.metatrafficMulticastLocatorList, ...d.defaultUnicastLocatorList, ...d.defaultMulticastLocatorList],
    };
  },
  [ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER]: (payload, ctx) => {
    const d = decodeWriterDataPayload(payload, 0, ctx);
    return { topicName: d.topicName, typeName: d.typeName, participantGuid: d.participantGuid, endpointGuid: d.remoteWriterGuid, locators: [...d.unicastLocatorList, ...d.multicastLocatorList] };
  },
  [ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER]: (payload, ctx) => {
    const d = decodeReaderDataPayload(payload, 0, ctx);
    return { topicName: d.topicName, typeName: d.typeName, participantGuid: d.participantGuid, endpointGuid: d.remoteReaderGuid, locators: [...d.unicastLocatorList, ...d.multicastLocatorList] };
  },
  [ENTITYID_SEDP_BUILTIN_TOPICS_ANNOUNCER]: (payload, ctx) => {
    const d = decodeTopicDataPayload(payload, 0, ctx);
    return { topicName: d.name, typeName: d.typeName, ...(d.key === undefined ? {} : { endpointGuid: d.key }), locators: [] };
  },
};

const guidHex = (g: Guid): string => `${guidPrefixToHex(g.prefix)}${(g.entityId >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Topic name, type name, GUIDs and locators of a discovery DATA, through helper C's typed decoders
 * (rtps/discovery); undefined when the DATA is not from a built-in announcer. A key-only DATA (a dispose or
 * unregister) yields just its GUID. Throws the decoder's DecodeError when C's decoder rejects the payload.
 */
export function discoveryFields(header: Header, sm: Data): Partial<ComparableSubmessage> | undefined {
  const decode = DISCOVERY_WRITERS[sm.writerId];
  if (decode === undefined || sm.serializedPayload === undefined) return undefined;
  const spdp = sm.writerId === ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER;
  if (sm.keyFlag) {
    const guid = guidHex(decodeBuiltinTopicKeyPayload(sm.serializedPayload));
    return spdp ? { participantGuid: guid } : { endpointGuid: guid };
  }
  const keyHash = sm.inlineQos?.find((p) => p.pid === PID_KEY_HASH)?.value;
  const ctx: DiscoveryDecodeContext = { guidPrefix: header.guidPrefix, protocolVersion: header.protocolVersion, vendorId: header.vendorId, ...(keyHash === undefined ? {} : { keyHash }) };
  const d = decode(sm.serializedPayload, ctx);
  return {
    ...(d.topicName === undefined ? {} : { topicName: asTsharkShowsText(d.topicName) }),
    ...(d.typeName === undefined ? {} : { typeName: asTsharkShowsText(d.typeName) }),
    ...(d.participantGuid === undefined ? {} : { participantGuid: guidHex(d.participantGuid) }),
    ...(d.endpointGuid === undefined ? {} : { endpointGuid: guidHex(d.endpointGuid) }),
    locators: d.locators.map(locatorText),
  };
}

function numberSet(label: string, s: SequenceNumberSet | FragmentNumberSet, littleEndian: boolean): TsharkNumberSet {
  const words = Math.ceil(s.numBits / 32);
  const bitmap = new Uint8Array(words * 4);
  const v = new DataView(bitmap.buffer);
  for (let i = 0; i < words; i++) v.setUint32(i * 4, s.bitmap[i] ?? 0, littleEndian);
  return { label, bitmapBase: BigInt(s.bitmapBase), numBits: s.numBits, bitmap };
}

/** Flags of a submessage as our encoder derives them from the decoded value (the E flag included). */
export function encodedFlags(header: Header, sm: Submessage): number {
  return encodeMessage({ header, submessages: [sm] })[21]!;
}

/** Our decoded submessage in tshark's normal form (see TsharkSubmessage for what each field means). */
export function comparable(header: Header, sm: Submessage): ComparableSubmessage {
  const base = { id: submessageId(sm), flags: encodedFlags(header, sm), seqNumbers: [] as bigint[], numberSets: [] as TsharkNumberSet[], locators: [] as TsharkLocator[] };
  switch (sm.kind) {
    case 'DATA': {
      const d = discoveryFields(header, sm);
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.writerSN], ...d };
    }
    case 'DATA_FRAG':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.writerSN], fragmentNumber: sm.fragmentStartingNum, fragmentsInSubmessage: sm.fragmentsInSubmessage, fragmentSize: sm.fragmentSize, sampleSize: sm.sampleSize };
    case 'HEARTBEAT':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.firstSN, sm.lastSN], count: sm.count };
    case 'HEARTBEAT_FRAG':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.writerSN], fragmentNumber: sm.lastFragmentNum, count: sm.count };
    case 'ACKNACK':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, numberSets: [numberSet('readerSNState', sm.readerSNState, sm.littleEndian)], count: sm.count };
    case 'NACK_FRAG':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.writerSN], numberSets: [numberSet('fragmentNumberState', sm.fragmentNumberState, sm.littleEndian)], count: sm.count };
    case 'GAP':
      return { ...base, readerId: sm.readerId, writerId: sm.writerId, seqNumbers: [sm.gapStart], numberSets: [numberSet('gapList', sm.gapList, sm.littleEndian)] };
    case 'INFO_DST':
    case 'INFO_SRC':
      return { ...base, guidPrefix: guidPrefixToHex(sm.guidPrefix) };
    case 'INFO_REPLY':
      return { ...base, locators: [...sm.unicastLocatorList, ...(sm.multicastLocatorList ?? [])].map(locatorText) };
    case 'INFO_REPLY_IP4': {
      const ip4 = (l: { address: number; port: number }): TsharkLocator => ({ kind: LocatorKind.UDPv4, port: l.port, address: ipv4ToString(Uint8Array.of(l.address >>> 24, (l.address >>> 16) & 0xff, (l.address >>> 8) & 0xff, l.address & 0xff)) });
      return { ...base, locators: [sm.unicastLocator, ...(sm.multicastLocator === undefined ? [] : [sm.multicastLocator])].map(ip4) };
    }
    case 'INFO_TS':
    case 'PAD':
    case 'UNKNOWN':
      return base;
  }
}

/** GuidPrefix as 24 lower-case hex digits (tshark's form with the colons removed). */
export function guidPrefixToHex(p: Uint8Array): string {
  return Array.from(p, (b) => b.toString(16).padStart(2, '0')).join('');
}

const show = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));

/** Ours matches tshark's on the parts tshark shows for its kind (see TsharkLocator). */
function locatorMatches(ours: TsharkLocator, theirs: TsharkLocator): boolean {
  return ours.kind === theirs.kind && (theirs.port === undefined || theirs.port === ours.port) && (theirs.address === undefined || theirs.address === ours.address);
}

/**
 * Same locators, in the same order, or for DATA as multisets: typed discovery data keeps each list but not the
 * order of the parameters on the wire.
 */
function sameLocators(ours: readonly TsharkLocator[], theirs: readonly TsharkLocator[], unordered: boolean): boolean {
  if (ours.length !== theirs.length) return false;
  if (!unordered) return ours.every((l, i) => locatorMatches(l, theirs[i]!));
  const left = [...theirs];
  for (const l of ours) {
    const at = left.findIndex((t) => locatorMatches(l, t));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

/**
 * Field-by-field differences between our record and tshark's ("field: ours ≠ tshark's"). A field one side
 * reports and the other does not is a difference too; empty and absent lists are the same.
 */
export function differences(ours: ComparableSubmessage, theirs: ComparableSubmessage): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)] as (keyof ComparableSubmessage)[]);
  for (const k of keys) {
    if (k === 'locators') {
      if (!sameLocators(ours.locators, theirs.locators, ours.id === SubmessageId.DATA)) out.push(`locators: ${show(ours.locators)} ≠ ${show(theirs.locators)}`);
      continue;
    }
    if (k === 'numberSets') {
      // Wireshark 4.0 cuts a FragmentNumberSet's bit string before its last '1' and shows no bitmap when that
      // leaves nothing (only the first bit set): compare the bitmap only when it shows one.
      const shown = ours.numberSets.map((s, i) => (s.label === 'fragmentNumberState' && theirs.numberSets[i]?.bitmap.length === 0 ? { ...s, bitmap: new Uint8Array(0) } : s));
      if (show(shown) !== show(theirs.numberSets)) out.push(`numberSets: ${show(ours.numberSets)} ≠ ${show(theirs.numberSets)}`);
      continue;
    }
    // Ours may be derived where the payload leaves a GUID out (SEDP without PID_PARTICIPANT_GUID defaults to the
    // endpoint's prefix with ENTITYID_PARTICIPANT, 9.6.2.2; a topic's key may come from the inline PID_KEY_HASH,
    // 9.6.3.3), so GUIDs are compared only where tshark saw them in the payload.
    if ((k === 'participantGuid' || k === 'endpointGuid') && theirs[k] === undefined) continue;
    const a = ours[k];
    const b = theirs[k];
    if (Array.isArray(a) || Array.isArray(b)) {
      if (show(a ?? []) !== show(b ?? [])) out.push(`${k}: ${show(a)} ≠ ${show(b)}`);
    } else if (a !== undefined || b !== undefined) {
      if (show(a) !== show(b)) out.push(`${k}: ${show(a)} ≠ ${show(b)}`);
    }
  }
  return out;
}
