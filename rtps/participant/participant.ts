import { DecodeError } from '../codec/decode-error.js';
import { BuiltinEndpointSet, hasBuiltinEndpoint } from '../discovery/builtin-endpoint-set.js';
import {
  decodeBuiltinTopicKeyPayload,
  decodeParticipantDataPayload,
  decodeReaderDataPayload,
  decodeWriterDataPayload,
  encodeParticipantDataPayload,
  encodeReaderDataPayload,
  encodeWriterDataPayload,
} from '../discovery/discovery-payload.js';
import type { DiscoveredReaderData, DiscoveredWriterData } from '../discovery/endpoint-data.js';
import { decodeInlineQos, StatusInfo } from '../discovery/inline-qos.js';
import type { SPDPdiscoveredParticipantData } from '../discovery/participant-data.js';
import { DurabilityKind, HistoryKind } from '../discovery/qos-policies.js';
import { defaultQos, type QosPolicies } from '../discovery/qos-set.js';
import type { KeyHashOf } from '../endpoint/change-encoding.js';
import type { RemoteReader, RemoteWriter } from '../endpoint/remote-endpoint.js';
import { StatefulReader } from '../endpoint/stateful-reader.js';
import { StatefulWriter } from '../endpoint/stateful-writer.js';
import type { InstanceOptions, WriteOptions, WriteResult } from '../endpoint/write-request.js';
import { keyHashFromInstanceHandle } from '../history/cache-change.js';
import { InstanceStateKind } from '../history/reader-history-cache.js';
import {
  ENTITYID_PARTICIPANT,
  ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER,
  ENTITYID_SEDP_BUILTIN_PUBLICATIONS_DETECTOR,
  ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER,
  ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_DETECTOR,
  ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
  ENTITYID_UNKNOWN,
  guidPrefixEquals,
  guidPrefixToString,
  guidToString,
  type EntityId,
  type Guid,
  type GuidPrefix,
} from '../types/guid.js';
import { locatorToString, type Locator } from '../types/locator.js';
import { durationToNanos, type Time } from '../types/time.js';
import { decodeMessage } from '../wire/message.js';
import { interpretMessage, type InterpretedSubmessage, type ReceiverState } from '../wire/receiver.js';
import type { Data } from '../wire/submessages/data.js';
import type { DropReason, ParticipantDriver, Transmit } from './api.js';
import { resolveConfig, type ParticipantConfig, type ResolvedParticipantConfig } from './config.js';
import { earliestDeadline, jitter, type Deadline, type Nanos } from './environment.js';
import type { ParticipantEvent } from './events.js';
import {
  effectiveQos,
  historySettings,
  userEntityKind,
  type EndpointOptions,
  type LocalReader,
  type LocalWriter,
  type ReaderOptions,
} from './local-endpoint.js';
import { EndpointRegistry, prefixOfKey, type LocalReaderRecord, type LocalWriterRecord } from './endpoint-registry.js';
import { DATAGRAM_OVERHEAD, MessageAssembler } from './message-assembler.js';
import { emptyDropCounters, headerDropReason, type ParticipantStats } from './receive-stats.js';
import { dedupeLocators, guidKeyHash, ownParticipantData, spdpData, spdpDisposeData, spdpLocators } from './spdp.js';

/** Inline QoS budget the fragment size leaves room for (key hash, status info, sentinel and some spare). */
const INLINE_QOS_BUDGET = 64;
/** DATA_FRAG submessage header and fixed fields (9.4.5.4). */
const DATA_FRAG_FIXED = 4 + 32;

interface RemoteParticipant {
  data: SPDPdiscoveredParticipantData;
  readonly prefix: GuidPrefix;
  leaseExpiry: Nanos;
}

const BUILTIN_WRITER_QOS: QosPolicies = {
  ...defaultQos('writer'),
  durability: { kind: DurabilityKind.TRANSIENT_LOCAL },
  history: { kind: HistoryKind.KEEP_LAST, depth: 1 },
};
const BUILTIN_READER_QOS: QosPolicies = {
  ...defaultQos('reader'),
  reliability: BUILTIN_WRITER_QOS.reliability,
  durability: { kind: DurabilityKind.TRANSIENT_LOCAL },
  history: { kind: HistoryKind.KEEP_LAST, depth: 1 },
};

/** The SEDP built-in endpoints (8.5.4.2): who pairs with whom and which BuiltinEndpointSet bit announces it. */
const SEDP_PAIRS = [
  {
    writer: ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER,
    reader: ENTITYID_SEDP_BUILTIN_PUBLICATIONS_DETECTOR,
    writerBit: BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PUBLICATIONS_ANNOUNCER,
    readerBit: BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PUBLICATIONS_DETECTOR,
  },
  {
    writer: ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER,
    reader: ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_DETECTOR,
    writerBit: BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_SUBSCRIPTIONS_ANNOUNCER,
    readerBit: BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_SUBSCRIPTIONS_DETECTOR,
  },
] as const;

/** The key hash of a built-in topic sample (its GUID, 9.6.3.3), from the payload when PID_KEY_HASH is absent. */
const builtinKeyHashOf: KeyHashOf = (payload) => {
  try {
    return guidKeyHash(decodeBuiltinTopicKeyPayload(payload));
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
};

function guidFromKeyHash(hash: Uint8Array): Guid {
  const entityId = ((hash[12]! << 24) | (hash[13]! << 16) | (hash[14]! << 8) | hash[15]!) >>> 0;
  return { prefix: hash.slice(0, 12), entityId };
}

/** The locators of a participant as one comparable string. */
function locatorsKey(d: SPDPdiscoveredParticipantData): string {
  const lists = [d.metatrafficUnicastLocatorList, d.metatrafficMulticastLocatorList, d.defaultUnicastLocatorList, d.defaultMulticastLocatorList];
  return lists.map((l) => l.map(locatorToString).join(',')).join('|');
}

function isSpdp(item: InterpretedSubmessage): boolean {
  return item.submessage.kind !== 'UNKNOWN' && 'writerId' in item.submessage && item.submessage.writerId === ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER;
}

/**
 * A DomainParticipant (8.2.4, 8.5) as a sans-I/O state machine: SPDP (8.5.3) announces and discovers
 * participants, SEDP (8.5.4) announces and discovers endpoints over reliable built-in endpoints, matching
 * (DDS 2.2.3 RxO) pairs our writers and readers with remote ones, the receive path (8.3.4) dispatches
 * submessages to local endpoints, and a MessageAssembler packs what they send. Drive it through
 * ParticipantDriver; user endpoints come from createWriter / createReader.
 */
/**
 * A DomainParticipant (8.2.4, 8.5) as a sans-I/O state machine: SPDP (8.5.3) announces and discovers
 * participants, SEDP (8.5.4) announces and discovers endpoints over reliable built-in endpoints, matching
 * (DDS 2.2.3 RxO) pairs our writers and readers with remote ones, the receive path (8.3.4) dispatches
 * submessages to local endpoints, and a MessageAssembler packs what they send. Drive it through
 * ParticipantDriver; user endpoints come from createWriter / createReader.
 */
export class Participant implements ParticipantDriver<ParticipantEvent> {
  readonly config: ResolvedParticipantConfig;
  readonly guidPrefix: GuidPrefix;
  private readonly assembler: MessageAssembler;
  private readonly transmits: Transmit[] = [];
  private transmitHead = 0;
  private readonly events: ParticipantEvent[] = [];
  private eventHead = 0;
  private readonly dropped = emptyDropCounters();
  private lastDrop: ParticipantStats['lastDrop'];
  private datagramsReceived = 0;
  private datagramsSent = 0;

  private readonly spdpPayload: Uint8Array;
  private spdpSequenceNumber = 1n;
  private nextAnnounce: Nanos;
  private closed = false;

  private readonly remoteParticipants = new Map<string, RemoteParticipant>();
  private readonly registry: EndpointRegistry;
  /** Our unicast locators as strings: traffic to them stays inside the participant. */
  private readonly ownUnicast: ReadonlySet<string>;
  private nextEntityKey = 1;
  /** Readers that got new samples during the current input. */
  private readonly dataAvailable = new Set<EntityId>();
  /** Largest datagram any of our writers may assume; fixes the fragment size. */
  private readonly maxMessageSize: number;
  private readonly fragmentSize: number;

  constructor(config: ParticipantConfig, now: Nanos) {
    this.config = resolveConfig(config);
    const c = this.config;
    this.guidPrefix = c.guidPrefix;
    this.assembler = new MessageAssembler(c.guidPrefix, c.vendorId, c.maxDatagramSize);
    const ours = [...c.metatrafficUnicastLocators, ...c.defaultUnicastLocators, ...c.metatrafficMulticastLocators, ...spdpLocators(c)];
    this.maxMessageSize = Math.min(0xffff, ...ours.map((l) => c.maxDatagramSize(l)));
    this.fragmentSize = Math.min(c.fragmentSize, this.maxMessageSize - DATAGRAM_OVERHEAD - DATA_FRAG_FIXED - INLINE_QOS_BUDGET);
    if (this.fragmentSize < 64) throw new RangeError(`datagram limit ${this.maxMessageSize} leaves no room for fragments`);
    this.spdpPayload = encodeParticipantDataPayload(ownParticipantData(c), true);
    this.registry = new EndpointRegistry(this.events, (d) => this.endpointLocators(d));
    this.ownUnicast = new Set([...c.metatrafficUnicastLocators, ...c.defaultUnicastLocators].map(locatorToString));
    for (const pair of SEDP_PAIRS) {
      this.addWriter(now, { prefix: c.guidPrefix, entityId: pair.writer }, true, { topicName: '', typeName: '', qos: BUILTIN_WRITER_QOS });
      this.addReader(now, { prefix: c.guidPrefix, entityId: pair.reader }, true, { topicName: '', typeName: '', qos: BUILTIN_READER_QOS }, builtinKeyHashOf);
    }
    this.nextAnnounce = now;
    this.announce(now);
    this.afterInput(now);
  }

  // --- ParticipantDriver -------------------------------------------------------------------------------

  handleDatagram(now: Nanos, bytes: Uint8Array, source: Locator | undefined, _via: 'metatraffic' | 'user'): void {
    this.datagramsReceived++;
    if (this.closed) return;
    const decoded = decodeMessage(bytes);
    if (!decoded.ok) {
      this.drop(headerDropReason(bytes, decoded.error), decoded.error.message);
      return;
    }
    const msg = decoded.value;
    if (guidPrefixEquals(msg.header.guidPrefix, this.guidPrefix)) {
      this.drop('own-message', 'our own GUID prefix');
      return;
    }
    if (msg.header.protocolVersion.major < 2) {
      this.drop('unsupported-version', `protocol ${msg.header.protocolVersion.major}.${msg.header.protocolVersion.minor}`);
      return;
    }
    if (msg.invalidTail !== undefined) this.drop('malformed', msg.invalidTail.message);
    const known = this.remoteParticipants.get(guidPrefixToString(msg.header.guidPrefix));
    // Any traffic from a participant shows it is alive (as Cyclone DDS treats it), not only its SPDP.
    if (known !== undefined) this.renewLease(known, now);
    const ctx = source === undefined ? { localGuidPrefix: this.guidPrefix } : { localGuidPrefix: this.guidPrefix, sourceLocator: source };
    const items = interpretMessage(msg, ctx);
    // SPDP first: a peer answering our announcement often packs its SEDP traffic ahead of its SPDP data, and
    // that traffic would be dropped as unmatched while the peer is still unknown. The receiver state of each
    // submessage is already fixed, so the order of dispatch does not change its meaning.
    for (const item of items) if (isSpdp(item)) this.dispatch(now, item);
    for (const item of items) if (!isSpdp(item)) this.dispatch(now, item);
    this.afterInput(now);
  }

  handleTimeout(now: Nanos): void {
    if (this.closed) return;
    if (now >= this.nextAnnounce) this.announce(now);
    for (const rp of [...this.remoteParticipants.values()]) {
      if (rp.leaseExpiry <= now) this.removeParticipant(now, rp.prefix, 'lease-expired');
    }
    for (const w of this.registry.localWriters.values()) {
      const d = w.endpoint.nextDeadline();
      if (d !== null && d <= now) w.endpoint.handleTimeout(now);
    }
    for (const r of this.registry.localReaders.values()) {
      const d = r.endpoint.nextDeadline();
      if (d !== null && d <= now) r.endpoint.handleTimeout(now);
    }
    this.afterInput(now);
  }

  pollTransmit(): Transmit | undefined {
    if (this.transmitHead >= this.transmits.length) {
      this.transmits.length = 0;
      this.transmitHead = 0;
      return undefined;
    }
    this.datagramsSent++;
    return this.transmits[this.transmitHead++];
  }

  pollTimeout(): Nanos | undefined {
    if (this.closed) return undefined;
    let d: Deadline = this.nextAnnounce;
    for (const rp of this.remoteParticipants.values()) d = earliestDeadline(d, rp.leaseExpiry);
    for (const w of this.registry.localWriters.values()) d = earliestDeadline(d, w.endpoint.nextDeadline());
    for (const r of this.registry.localReaders.values()) d = earliestDeadline(d, r.endpoint.nextDeadline());
    return d ?? undefined;
  }

  pollEvent(): ParticipantEvent | undefined {
    if (this.eventHead >= this.events.length) {
      this.events.length = 0;
      this.eventHead = 0;
      return undefined;
    }
    return this.events[this.eventHead++];
  }

  // --- Application API -----------------------------------------------------------------------------------

  /** Creates a DataWriter, announces it through SEDP and matches it with known readers. */
  createWriter(now: Nanos, options: EndpointOptions): LocalWriter {
    this.checkOpen();
    const keyed = options.keyed ?? false;
    const guid: Guid = { prefix: this.guidPrefix, entityId: this.allocateEntityId('writer', keyed) };
    const qos = effectiveQos('writer', options.qos);
    const data: DiscoveredWriterData = {
      remoteWriterGuid: guid,
      ...this.announcedCommon(options, qos),
    };
    this.sedpWriter(ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER).write(now, encodeWriterDataPayload(data, true), { keyHash: guidKeyHash(guid) });
    const rec = this.addWriter(now, guid, false, { topicName: options.topicName, typeName: options.typeName, qos }, data);
    this.afterInput(now);
    const w = rec.endpoint;
    const stamped = <T extends { readonly sourceTimestamp?: Time }>(o: T | undefined): T => {
      const ts = o?.sourceTimestamp ?? this.config.wallClock?.(now);
      return (ts === undefined ? { ...o } : { ...o, sourceTimestamp: ts }) as T;
    };
    return {
      guid,
      topicName: options.topicName,
      typeName: options.typeName,
      qos,
      write: (t, payload, o?: WriteOptions) => this.afterCall(t, w.write(t, payload, stamped(o))),
      dispose: (t, keyHash, o?: InstanceOptions) => this.afterCall(t, w.dispose(t, keyHash, stamped(o))),
      unregister: (t, keyHash, o?) => this.afterCall(t, w.unregister(t, keyHash, stamped(o))),
      matchedReaders: () => [...rec.matched.values()],
      isAcknowledgedByAll: () => w.isAcknowledgedByAll(),
    };
  }

  /** Creates a DataReader, announces it through SEDP and matches it with known writers. */
  createReader(now: Nanos, options: ReaderOptions): LocalReader {
    this.checkOpen();
    const keyed = options.keyed ?? false;
    const guid: Guid = { prefix: this.guidPrefix, entityId: this.allocateEntityId('reader', keyed) };
    const qos = effectiveQos('reader', options.qos);
    const data: DiscoveredReaderData = {
      remoteReaderGuid: guid,
      ...this.announcedCommon(options, qos),
      expectsInlineQos: false,
    };
    this.sedpWriter(ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER).write(now, encodeReaderDataPayload(data, true), { keyHash: guidKeyHash(guid) });
    const rec = this.addReader(now, guid, false, { topicName: options.topicName, typeName: options.typeName, qos }, options.keyHashOf, data);
    this.afterInput(now);
    const r = rec.endpoint;
    return {
      guid,
      topicName: options.topicName,
      typeName: options.typeName,
      qos,
      take: (c) => r.history.take(c),
      read: (c) => r.history.read(c),
      matchedWriters: () => [...rec.matched.values()],
    };
  }

  /** Deletes a local writer or reader: SEDP disposes it (8.5.4) and every match ends. */
  deleteEndpoint(now: Nanos, guid: Guid): void {
    this.checkOpen();
    const w = this.registry.localWriters.get(guid.entityId);
    const r = this.registry.localReaders.get(guid.entityId);
    const announcer =
      w !== undefined && !w.builtin
        ? ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER
        : r !== undefined && !r.builtin
          ? ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER
          : undefined;
    if (announcer === undefined) return;
    this.registry.removeLocal(now, guid.entityId);
    this.sedpWriter(announcer).unregister(now, guidKeyHash(guid), { dispose: true });
    this.afterInput(now);
  }

  /**
   * Leaves the domain: SEDP disposes our endpoints and SPDP sends DATA(p[UD]) (8.5.3) to everyone we announce
   * to, so peers drop us at once instead of waiting for the lease. Drain pollTransmit() afterwards.
   */
  close(now: Nanos): void {
    if (this.closed) return;
    for (const w of [...this.registry.localWriters.values()]) if (!w.builtin) this.deleteEndpoint(now, w.guid);
    for (const r of [...this.registry.localReaders.values()]) if (!r.builtin) this.deleteEndpoint(now, r.guid);
    this.spdpSequenceNumber++;
    const dispose = spdpDisposeData({ prefix: this.guidPrefix, entityId: ENTITYID_PARTICIPANT }, this.spdpSequenceNumber);
    this.assembler.enqueue('metatraffic', { locators: this.spdpDestinations() }, dispose);
    this.afterInput(now);
    this.closed = true;
  }

  stats(): ParticipantStats {
    return {
      datagramsReceived: this.datagramsReceived,
      datagramsSent: this.datagramsSent,
      dropped: { ...this.dropped },
      oversizeDropped: this.assembler.oversizeDrops,
      lastDrop: this.lastDrop,
    };
  }

  /** The participants discovered and alive. */
  discoveredParticipants(): SPDPdiscoveredParticipantData[] {
    return [...this.remoteParticipants.values()].map((rp) => rp.data);
  }

  discoveredWriters(): DiscoveredWriterData[] {
    return [...this.registry.remoteWriters.values()];
  }

  discoveredReaders(): DiscoveredReaderData[] {
    return [...this.registry.remoteReaders.values()];
  }

  // --- Receive path (8.3.4) ------------------------------------------------------------------------------

  private dispatch(now: Nanos, item: InterpretedSubmessage, local = false): void {
    const { submessage: sm, receiver } = item;
    if (sm.kind === 'UNKNOWN') return; // vendor-specific or newer: 8.3.4.1 says skip it
    if (!guidPrefixEquals(receiver.destGuidPrefix, this.guidPrefix)) {
      this.drop('unknown-destination', `INFO_DST ${guidPrefixToString(receiver.destGuidPrefix)}`);
      return;
    }
    if (!local && guidPrefixEquals(receiver.sourceGuidPrefix, this.guidPrefix)) {
      this.drop('own-message', 'INFO_SRC names us');
      return;
    }
    switch (sm.kind) {
      case 'ACKNACK':
      case 'NACK_FRAG': {
        const w = this.registry.localWriters.get(sm.writerId);
        if (w === undefined) return this.drop('unknown-entity', `${sm.kind} for writer ${sm.writerId.toString(16)}`);
        const readerKey = `${guidPrefixToString(receiver.sourceGuidPrefix)}:${sm.readerId.toString(16).padStart(8, '0')}`;
        if (!this.registry.isWriterMatchedWith(sm.writerId, readerKey)) return this.drop('unmatched', `${sm.kind} from ${readerKey}`);
        if (sm.kind === 'ACKNACK') w.endpoint.handleAckNack(now, sm, receiver.sourceGuidPrefix);
        else w.endpoint.handleNackFrag(now, sm, receiver.sourceGuidPrefix);
        return;
      }
      default: {
        if (sm.writerId === ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER) {
          if (sm.kind === 'DATA') this.handleSpdp(now, sm, receiver);
          return; // SPDP is best-effort: its HEARTBEATs/GAPs (if any) need no answer
        }
        const writerKey = `${guidPrefixToString(receiver.sourceGuidPrefix)}:${sm.writerId.toString(16).padStart(8, '0')}`;
        const matched = this.registry.readersMatchedWith(writerKey);
        let targets: Iterable<EntityId>;
        if (sm.readerId === ENTITYID_UNKNOWN) {
          if (matched === undefined || matched.size === 0) return this.drop('unmatched', `${sm.kind} from ${writerKey}`);
          targets = matched;
        } else {
          if (!this.registry.localReaders.has(sm.readerId)) return this.drop('unknown-entity', `${sm.kind} for reader ${sm.readerId.toString(16)}`);
          if (!matched?.has(sm.readerId)) return this.drop('unmatched', `${sm.kind} from ${writerKey}`);
          targets = [sm.readerId];
        }
        for (const id of targets) {
          const r = this.registry.localReaders.get(id)!.endpoint;
          let available: boolean;
          switch (sm.kind) {
            case 'DATA':
              available = r.handleData(now, sm, receiver);
              break;
            case 'DATA_FRAG':
              available = r.handleDataFrag(now, sm, receiver);
              break;
            case 'HEARTBEAT':
              available = r.handleHeartbeat(now, sm, receiver);
              break;
            case 'HEARTBEAT_FRAG':
              available = r.handleHeartbeatFrag(now, sm, receiver);
              break;
            case 'GAP':
              available = r.handleGap(now, sm, receiver);
              break;
          }
          if (available) this.dataAvailable.add(id);
        }
      }
    }
  }

  /** SPDP reception (8.5.3): add, refresh or remove the remote participant. */
  private handleSpdp(now: Nanos, data: Data, receiver: ReceiverState): void {
    let statusInfo = 0;
    let keyHash: Uint8Array | undefined;
    try {
      if (data.inlineQos !== undefined) {
        const iq = decodeInlineQos(data.inlineQos, data.littleEndian);
        statusInfo = iq.statusInfo ?? 0;
        keyHash = iq.keyHash;
      }
      if ((statusInfo & (StatusInfo.DISPOSED | StatusInfo.UNREGISTERED)) !== 0) {
        const prefix =
          keyHash?.subarray(0, 12) ??
          (data.serializedPayload === undefined ? receiver.sourceGuidPrefix : decodeBuiltinTopicKeyPayload(data.serializedPayload).prefix);
        this.removeParticipant(now, prefix, 'disposed');
        return;
      }
      if (!data.dataFlag || data.serializedPayload === undefined) {
        this.drop('malformed', 'SPDP DATA without participant data');
        return;
      }
      const pd = decodeParticipantDataPayload(data.serializedPayload, 0, {
        guidPrefix: receiver.sourceGuidPrefix,
        protocolVersion: receiver.sourceVersion,
        vendorId: receiver.sourceVendorId,
        ...(keyHash === undefined ? {} : { keyHash }),
      });
      this.acceptParticipant(now, pd);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.drop('malformed', e.message);
    }
  }

  private acceptParticipant(now: Nanos, pd: SPDPdiscoveredParticipantData): void {
    const c = this.config;
    if ((pd.domainId !== undefined && pd.domainId !== c.domainId) || pd.domainTag !== c.domainTag) {
      this.drop('foreign-domain', `domain ${pd.domainId ?? '?'} tag "${pd.domainTag}"`);
      return;
    }
    const prefix = pd.guid.prefix;
    if (guidPrefixEquals(prefix, this.guidPrefix)) {
      this.drop('own-message', 'SPDP data with our GUID prefix');
      return;
    }
    const key = guidPrefixToString(prefix);
    const existing = this.remoteParticipants.get(key);
    if (existing !== undefined) {
      const moved = locatorsKey(existing.data) !== locatorsKey(pd);
      existing.data = pd;
      this.renewLease(existing, now);
      // New addresses (a pod restarted its interface, say): the SEDP proxies must follow them.
      if (moved) this.matchBuiltins(now, existing);
      return;
    }
    if (this.remoteParticipants.size >= c.maxRemoteParticipants) {
      this.drop('resource-limit', `more than ${c.maxRemoteParticipants} remote participants`);
      return;
    }
    const rp: RemoteParticipant = { data: pd, prefix, leaseExpiry: now };
    this.renewLease(rp, now);
    this.remoteParticipants.set(key, rp);
    this.events.push({ kind: 'participant-discovered', guidPrefix: prefix, data: pd });
    // Answer at once, directly, so the newcomer need not wait for our next periodic announcement; ahead of
    // the SEDP traffic the match below starts, which it would drop while we are still unknown to it.
    if (pd.metatrafficUnicastLocatorList.length > 0) {
      this.assembler.enqueue(
        'metatraffic',
        { guidPrefix: prefix, locators: pd.metatrafficUnicastLocatorList },
        spdpData(this.spdpPayload, { prefix: this.guidPrefix, entityId: ENTITYID_PARTICIPANT }, this.spdpSequenceNumber),
      );
    }
    this.matchBuiltins(now, rp);
  }

  private renewLease(rp: RemoteParticipant, now: Nanos): void {
    const lease = durationToNanos(rp.data.leaseDuration);
    rp.leaseExpiry = lease === null ? Number.MAX_SAFE_INTEGER : now + Number(lease);
  }

  /** Pairs our SEDP endpoints with the remote participant's, as its availableBuiltinEndpoints allow (8.5.4.2). */
  private matchBuiltins(now: Nanos, rp: RemoteParticipant): void {
    const d = rp.data;
    const set = d.availableBuiltinEndpoints;
    for (const pair of SEDP_PAIRS) {
      if (hasBuiltinEndpoint(set, pair.readerBit)) {
        const w = this.registry.localWriters.get(pair.writer)!;
        const remote: RemoteReader = {
          remoteReaderGuid: { prefix: rp.prefix, entityId: pair.reader },
          unicastLocatorList: d.metatrafficUnicastLocatorList,
          multicastLocatorList: d.metatrafficMulticastLocatorList,
          expectsInlineQos: false,
          reliable: true,
          durability: DurabilityKind.TRANSIENT_LOCAL,
        };
        this.registry.linkWriterReader(now, w, remote);
      }
      if (hasBuiltinEndpoint(set, pair.writerBit)) {
        const r = this.registry.localReaders.get(pair.reader)!;
        const remote: RemoteWriter = {
          remoteWriterGuid: { prefix: rp.prefix, entityId: pair.writer },
          unicastLocatorList: d.metatrafficUnicastLocatorList,
          multicastLocatorList: d.metatrafficMulticastLocatorList,
          reliable: true,
        };
        this.registry.linkReaderWriter(now, r, remote);
      }
    }
  }

  private removeParticipant(now: Nanos, prefix: GuidPrefix, reason: 'lease-expired' | 'disposed'): void {
    const key = guidPrefixToString(prefix);
    const rp = this.remoteParticipants.get(key);
    if (rp === undefined) return;
    this.registry.forgetParticipant(now, key);
    this.remoteParticipants.delete(key);
    this.events.push({ kind: 'participant-lost', guidPrefix: rp.prefix, reason });
  }

  // --- SEDP (8.5.4) ----------------------------------------------------------------------------------------

  /** Drains an SEDP reader's history into the registry of remote endpoints. */
  private processSedp(now: Nanos, readerId: EntityId): void {
    const r = this.registry.localReaders.get(readerId)!;
    const publications = readerId === ENTITYID_SEDP_BUILTIN_PUBLICATIONS_DETECTOR;
    for (const s of r.endpoint.history.take()) {
      const guid = guidFromKeyHash(keyHashFromInstanceHandle(s.info.instanceHandle));
      const key = guidToString(guid);
      if (!s.info.validData || s.data === undefined) {
        if (s.info.instanceState !== InstanceStateKind.ALIVE) {
          if (publications) this.registry.removeRemoteWriter(now, key);
          else this.registry.removeRemoteReader(now, key);
        }
        continue;
      }
      if (!this.remoteParticipants.has(prefixOfKey(key))) {
        this.drop('unmatched', `endpoint ${key} of an unknown participant`);
        continue;
      }
      const known = publications ? this.registry.remoteWriters.has(key) : this.registry.remoteReaders.has(key);
      if (!known && this.registry.remoteWriters.size + this.registry.remoteReaders.size >= this.config.maxRemoteEndpoints) {
        this.drop('resource-limit', `more than ${this.config.maxRemoteEndpoints} remote endpoints`);
        continue;
      }
      try {
        const ctx = { keyHash: guidKeyHash(guid) };
        if (publications) this.registry.acceptRemoteWriter(now, decodeWriterDataPayload(s.data, 0, ctx));
        else this.registry.acceptRemoteReader(now, decodeReaderDataPayload(s.data, 0, ctx));
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.drop('malformed', e.message);
      }
    }
  }

  /** Locators of a remote user endpoint: its own, else its participant's defaults (8.5.4.4 / 9.6.2.2). */
  private endpointLocators(d: DiscoveredWriterData | DiscoveredReaderData): { unicast: readonly Locator[]; multicast: readonly Locator[] } {
    const rp = this.remoteParticipants.get(guidPrefixToString(d.participantGuid.prefix));
    return {
      unicast: d.unicastLocatorList.length > 0 ? d.unicastLocatorList : (rp?.data.defaultUnicastLocatorList ?? []),
      multicast: d.multicastLocatorList.length > 0 ? d.multicastLocatorList : (rp?.data.defaultMulticastLocatorList ?? []),
    };
  }

  // --- Local endpoints ------------------------------------------------------------------------------------

  private allocateEntityId(role: 'writer' | 'reader', keyed: boolean): EntityId {
    if (this.nextEntityKey > 0xffffff) throw new RangeError('out of entity keys');
    return ((this.nextEntityKey++ << 8) | userEntityKind(role, keyed)) >>> 0;
  }

  private addWriter(now: Nanos, guid: Guid, builtin: boolean, description: LocalWriterRecord['description'], announced?: DiscoveredWriterData): LocalWriterRecord {
    const c = this.config;
    const h = historySettings(description.qos);
    const endpoint = new StatefulWriter(
      {
        guid,
        reliable: h.reliable,
        durability: description.qos.durability.kind,
        history: h.history,
        resourceLimits: h.resourceLimits,
        lifespan: h.lifespan,
        heartbeatPeriod: c.heartbeatPeriod,
        nackResponseDelay: c.nackResponseDelay,
        fragmentSize: this.fragmentSize,
        maxMessageSize: this.maxMessageSize,
      },
      this.assembler.outbox(builtin ? 'metatraffic' : 'user'),
    );
    const rec: LocalWriterRecord = { guid, builtin, description, endpoint, matched: new Map(), incompatible: new Set(), ...(announced === undefined ? {} : { announced }) };
    this.registry.addLocalWriter(now, rec);
    return rec;
  }

  private addReader(
    now: Nanos,
    guid: Guid,
    builtin: boolean,
    description: LocalReaderRecord['description'],
    keyHashOf: KeyHashOf | undefined,
    announced?: DiscoveredReaderData,
  ): LocalReaderRecord {
    const h = historySettings(description.qos);
    const endpoint = new StatefulReader(
      {
        guid,
        reliable: h.reliable,
        history: h.history,
        resourceLimits: h.resourceLimits,
        heartbeatResponseDelay: this.config.heartbeatResponseDelay,
        ...(keyHashOf === undefined ? {} : { keyHashOf }),
      },
      this.assembler.outbox(builtin ? 'metatraffic' : 'user'),
    );
    const rec: LocalReaderRecord = { guid, builtin, description, endpoint, matched: new Map(), incompatible: new Set(), ...(announced === undefined ? {} : { announced }) };
    this.registry.addLocalReader(now, rec);
    return rec;
  }

  private announcedCommon(options: EndpointOptions, qos: QosPolicies) {
    return {
      participantGuid: { prefix: this.guidPrefix, entityId: ENTITYID_PARTICIPANT },
      topicName: options.topicName,
      typeName: options.typeName,
      qos,
      unicastLocatorList: this.config.defaultUnicastLocators,
      multicastLocatorList: this.config.defaultMulticastLocators,
      protocolVersion: { major: 2, minor: 5 },
      vendorId: this.config.vendorId,
      ...(options.entityName === undefined ? {} : { entityName: options.entityName }),
      ...(options.typeInformation === undefined ? {} : { typeInformation: options.typeInformation }),
      unknown: [],
    };
  }

  private sedpWriter(id: EntityId): StatefulWriter {
    return this.registry.localWriters.get(id)!.endpoint;
  }

  // --- SPDP announcements and output ----------------------------------------------------------------------

  /** Every locator periodic SPDP goes to: multicast and initial peers, plus peers we cannot reach by multicast. */
  private spdpDestinations(): Locator[] {
    const out = spdpLocators(this.config);
    for (const rp of this.remoteParticipants.values()) {
      if (!this.config.useMulticast || rp.data.metatrafficMulticastLocatorList.length === 0) out.push(...rp.data.metatrafficUnicastLocatorList);
    }
    return dedupeLocators(out);
  }

  /** Periodic SPDP announcement (8.5.3.1 resendPeriod), jittered so participants started together drift apart. */
  private announce(now: Nanos): void {
    const data = spdpData(this.spdpPayload, { prefix: this.guidPrefix, entityId: ENTITYID_PARTICIPANT }, this.spdpSequenceNumber);
    this.assembler.enqueue('metatraffic', { locators: this.spdpDestinations() }, data);
    this.nextAnnounce = now + Math.max(1, jitter(this.config.random, this.config.spdpPeriod, 0.1));
  }

  /**
   * Ends every input: SEDP samples become discovery state, user readers with new samples an event, and the
   * outbox becomes datagrams. Datagrams to our own unicast locators (matches within this participant) are
   * delivered here directly; what that produces goes round again, a bounded number of times.
   */
  private afterInput(now: Nanos): void {
    for (let round = 0; round < 16; round++) {
      for (let inner = 0; this.dataAvailable.size > 0 && inner < 8; inner++) {
        const ids = [...this.dataAvailable];
        this.dataAvailable.clear();
        for (const id of ids) {
          const r = this.registry.localReaders.get(id);
          if (r === undefined) continue;
          if (r.builtin) this.processSedp(now, id);
          else this.events.push({ kind: 'data-available', reader: r.guid, topicName: r.description.topicName });
        }
      }
      const from = this.transmits.length;
      this.assembler.flush(this.transmits);
      const local: Transmit[] = [];
      let kept = from;
      for (let i = from; i < this.transmits.length; i++) {
        const t = this.transmits[i]!;
        if (this.ownUnicast.has(locatorToString(t.destination))) local.push(t);
        else this.transmits[kept++] = t;
      }
      this.transmits.length = kept;
      if (local.length === 0) return;
      for (const t of local) this.deliverLocally(now, t.bytes);
    }
  }

  /** A datagram from one of our endpoints to another (intra-participant match): dispatched without the network. */
  private deliverLocally(now: Nanos, bytes: Uint8Array): void {
    const decoded = decodeMessage(bytes);
    if (!decoded.ok) return;
    for (const item of interpretMessage(decoded.value, { localGuidPrefix: this.guidPrefix })) this.dispatch(now, item, true);
  }

  private afterCall(now: Nanos, result: WriteResult): WriteResult {
    this.afterInput(now);
    return result;
  }

  private drop(reason: DropReason, detail: string): void {
    this.dropped[reason]++;
    this.lastDrop = { reason, detail };
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('participant is closed');
  }
}
