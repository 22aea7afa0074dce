import type { DiscoveredReaderData, DiscoveredWriterData } from '../discovery/endpoint-data.js';
import { ReliabilityKind } from '../discovery/qos-policies.js';
import type { QosPolicies } from '../discovery/qos-set.js';
import type { RemoteReader, RemoteWriter } from '../endpoint/remote-endpoint.js';
import type { StatefulReader } from '../endpoint/stateful-reader.js';
import type { StatefulWriter } from '../endpoint/stateful-writer.js';
import { guidToString, type EntityId, type Guid } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { Nanos } from './environment.js';
import type { ParticipantEvent } from './events.js';
import { matchEndpoints } from './matching.js';

/** What matching knows of a local endpoint besides the RTPS endpoint itself. */
interface LocalRecord {
  readonly guid: Guid;
  /** Built-in (SEDP) endpoints are matched by the participant directly and report no events. */
  readonly builtin: boolean;
  readonly description: { readonly topicName: string; readonly typeName: string; readonly qos: QosPolicies };
  /** Matched remote endpoints by GUID string. */
  readonly matched: Map<string, Guid>;
  /** Remote endpoints reported incompatible (reported once per pair until something changes). */
  readonly incompatible: Set<string>;
}

/** A local writer (8.4.7) in the registry. */
export interface LocalWriterRecord extends LocalRecord {
  readonly endpoint: StatefulWriter;
  /** What SEDP announces of a user writer; local readers match against it as remote ones do. */
  readonly announced?: DiscoveredWriterData;
}

/** A local reader (8.4.10) in the registry. */
export interface LocalReaderRecord extends LocalRecord {
  readonly endpoint: StatefulReader;
  readonly announced?: DiscoveredReaderData;
}

/** Where to reach a remote user endpoint: its own locators, else its participant's defaults (8.5.4.4, 9.6.2.2). */
export type EndpointLocators = (d: DiscoveredWriterData | DiscoveredReaderData) => { unicast: readonly Locator[]; multicast: readonly Locator[] };

/** The GUID-string prefix (24 hex digits) of a GUID string: its participant. */
export function prefixOfKey(guidKey: string): string {
  return guidKey.slice(0, 24);
}

/**
 * Endpoint matching state of a participant (8.5.4 SEDP, 8.5.5 matching; DDS 2.2.3 RxO): our writers and
 * readers, the remote ones SEDP discovered, and which pairs are matched. Every change of a user endpoint's
 * matches is reported as an event (PUBLICATION_MATCHED / SUBSCRIPTION_MATCHED / *_INCOMPATIBLE_QOS).
 */
export class EndpointRegistry {
  readonly localWriters = new Map<EntityId, LocalWriterRecord>();
  readonly localReaders = new Map<EntityId, LocalReaderRecord>();
  readonly remoteWriters = new Map<string, DiscoveredWriterData>();
  readonly remoteReaders = new Map<string, DiscoveredReaderData>();
  /** Remote writer GUID string -> our readers matched with it (ENTITYID_UNKNOWN readerId dispatch, 8.3.7.2). */
  private readonly readersOfWriter = new Map<string, Set<EntityId>>();
  /** Remote reader GUID string -> our writers matched with it. */
  private readonly writersOfReader = new Map<string, Set<EntityId>>();

  constructor(
    private readonly events: ParticipantEvent[],
    private readonly locatorsOf: EndpointLocators,
  ) {}

  /** Our readers matched with the remote writer (GUID string). */
  readersMatchedWith(writerKey: string): ReadonlySet<EntityId> | undefined {
    return this.readersOfWriter.get(writerKey);
  }

  /** Whether our writer `writerId` is matched with the remote reader (GUID string). */
  isWriterMatchedWith(writerId: EntityId, readerKey: string): boolean {
    return this.writersOfReader.get(readerKey)?.has(writerId) ?? false;
  }

  /** Adds a local writer and matches it with the known readers, remote and (DDS 2.2.3: same participant too) local. */
  addLocalWriter(now: Nanos, rec: LocalWriterRecord): void {
    this.localWriters.set(rec.guid.entityId, rec);
    const ours = rec.announced;
    if (ours === undefined) return;
    for (const [key, d] of this.remoteReaders) this.evaluateWriterReader(now, rec, key, d);
    for (const r of this.localReaders.values()) {
      if (r.announced === undefined) continue;
      this.evaluateWriterReader(now, rec, guidToString(r.guid), r.announced);
      this.evaluateReaderWriter(now, r, guidToString(rec.guid), ours);
    }
  }

  /** Adds a local reader and matches it with the known writers, remote and local. */
  addLocalReader(now: Nanos, rec: LocalReaderRecord): void {
    this.localReaders.set(rec.guid.entityId, rec);
    const ours = rec.announced;
    if (ours === undefined) return;
    for (const [key, d] of this.remoteWriters) this.evaluateReaderWriter(now, rec, key, d);
    for (const w of this.localWriters.values()) {
      if (w.announced === undefined) continue;
      this.evaluateReaderWriter(now, rec, guidToString(w.guid), w.announced);
      this.evaluateWriterReader(now, w, guidToString(rec.guid), ours);
    }
  }

  /** Deletes a local endpoint, ending (and reporting) its matches, those with our other endpoints included. */
  removeLocal(now: Nanos, id: EntityId): void {
    const w = this.localWriters.get(id);
    if (w !== undefined) {
      const key = guidToString(w.guid);
      for (const [k, g] of [...w.matched]) this.unmatchWriterReader(now, w, k, g);
      this.localWriters.delete(id);
      for (const r of this.localReaders.values()) {
        r.incompatible.delete(key);
        if (r.matched.has(key)) this.unmatchReaderWriter(now, r, key, w.guid);
      }
    }
    const r = this.localReaders.get(id);
    if (r !== undefined) {
      const key = guidToString(r.guid);
      for (const [k, g] of [...r.matched]) this.unmatchReaderWriter(now, r, k, g);
      this.localReaders.delete(id);
      for (const lw of this.localWriters.values()) {
        lw.incompatible.delete(key);
        if (lw.matched.has(key)) this.unmatchWriterReader(now, lw, key, r.guid);
      }
    }
  }

  /** A publication from SEDP, new or updated: (re)evaluate it against our readers. */
  acceptRemoteWriter(now: Nanos, d: DiscoveredWriterData): void {
    const key = guidToString(d.remoteWriterGuid);
    const isNew = !this.remoteWriters.has(key);
    this.remoteWriters.set(key, d);
    if (isNew) this.events.push({ kind: 'publication-discovered', data: d });
    for (const r of this.localReaders.values()) if (!r.builtin) this.evaluateReaderWriter(now, r, key, d);
  }

  /** A subscription from SEDP, new or updated: (re)evaluate it against our writers. */
  acceptRemoteReader(now: Nanos, d: DiscoveredReaderData): void {
    const key = guidToString(d.remoteReaderGuid);
    const isNew = !this.remoteReaders.has(key);
    this.remoteReaders.set(key, d);
    if (isNew) this.events.push({ kind: 'subscription-discovered', data: d });
    for (const w of this.localWriters.values()) if (!w.builtin) this.evaluateWriterReader(now, w, key, d);
  }

  removeRemoteWriter(now: Nanos, key: string): void {
    const d = this.remoteWriters.get(key);
    if (d === undefined) return;
    this.remoteWriters.delete(key);
    for (const r of this.localReaders.values()) {
      r.incompatible.delete(key);
      const g = r.matched.get(key);
      if (g !== undefined) this.unmatchReaderWriter(now, r, key, g);
    }
    this.events.push({ kind: 'publication-lost', guid: d.remoteWriterGuid, topicName: d.topicName });
  }

  removeRemoteReader(now: Nanos, key: string): void {
    const d = this.remoteReaders.get(key);
    if (d === undefined) return;
    this.remoteReaders.delete(key);
    for (const w of this.localWriters.values()) {
      w.incompatible.delete(key);
      const g = w.matched.get(key);
      if (g !== undefined) this.unmatchWriterReader(now, w, key, g);
    }
    this.events.push({ kind: 'subscription-lost', guid: d.remoteReaderGuid, topicName: d.topicName });
  }

  /** A remote participant is gone: its endpoints and every match with them (built-in ones included). */
  forgetParticipant(now: Nanos, prefixKey: string): void {
    for (const key of [...this.remoteWriters.keys()]) if (prefixOfKey(key) === prefixKey) this.removeRemoteWriter(now, key);
    for (const key of [...this.remoteReaders.keys()]) if (prefixOfKey(key) === prefixKey) this.removeRemoteReader(now, key);
    for (const w of this.localWriters.values()) {
      for (const [key, g] of [...w.matched]) if (prefixOfKey(key) === prefixKey) this.unmatchWriterReader(now, w, key, g);
    }
    for (const r of this.localReaders.values()) {
      for (const [key, g] of [...r.matched]) if (prefixOfKey(key) === prefixKey) this.unmatchReaderWriter(now, r, key, g);
    }
  }

  /** Adds (or refreshes: locators may have changed) a writer-side match; a new user match is reported. */
  linkWriterReader(now: Nanos, w: LocalWriterRecord, remote: RemoteReader): void {
    const key = guidToString(remote.remoteReaderGuid);
    w.endpoint.matchedReaderAdd(now, remote);
    if (w.matched.has(key)) return;
    w.matched.set(key, remote.remoteReaderGuid);
    let set = this.writersOfReader.get(key);
    if (set === undefined) this.writersOfReader.set(key, (set = new Set()));
    set.add(w.guid.entityId);
    if (!w.builtin) {
      this.events.push({ kind: 'publication-matched', local: w.guid, remote: remote.remoteReaderGuid, topicName: w.description.topicName, currentCount: w.matched.size });
    }
  }

  /** Adds (or refreshes) a reader-side match; a new user match is reported. */
  linkReaderWriter(now: Nanos, r: LocalReaderRecord, remote: RemoteWriter): void {
    const key = guidToString(remote.remoteWriterGuid);
    // With `now` a reliable reader sends pre-emptive ACKNACKs until the writer's first HEARTBEAT.
    r.endpoint.matchedWriterAdd(remote, now);
    if (r.matched.has(key)) return;
    r.matched.set(key, remote.remoteWriterGuid);
    let set = this.readersOfWriter.get(key);
    if (set === undefined) this.readersOfWriter.set(key, (set = new Set()));
    set.add(r.guid.entityId);
    if (!r.builtin) {
      this.events.push({ kind: 'subscription-matched', local: r.guid, remote: remote.remoteWriterGuid, topicName: r.description.topicName, currentCount: r.matched.size });
    }
  }

  private evaluateWriterReader(now: Nanos, w: LocalWriterRecord, key: string, d: DiscoveredReaderData): void {
    const result = matchEndpoints(w.description, d);
    if (result.kind === 'matched') {
      w.incompatible.delete(key);
      const { unicast, multicast } = this.locatorsOf(d);
      this.linkWriterReader(now, w, {
        remoteReaderGuid: d.remoteReaderGuid,
        ...(d.groupEntityId === undefined ? {} : { remoteGroupEntityId: d.groupEntityId }),
        unicastLocatorList: unicast,
        multicastLocatorList: multicast,
        expectsInlineQos: d.expectsInlineQos,
        reliable: d.qos.reliability.kind === ReliabilityKind.RELIABLE,
        durability: d.qos.durability.kind,
      });
      return;
    }
    const g = w.matched.get(key);
    if (g !== undefined) this.unmatchWriterReader(now, w, key, g);
    if (result.kind === 'incompatible' && !w.incompatible.has(key)) {
      w.incompatible.add(key);
      this.events.push({ kind: 'incompatible-qos', local: w.guid, role: 'writer', remote: d.remoteReaderGuid, topicName: d.topicName, policies: result.policies });
    }
  }

  private evaluateReaderWriter(now: Nanos, r: LocalReaderRecord, key: string, d: DiscoveredWriterData): void {
    const result = matchEndpoints(d, r.description);
    if (result.kind === 'matched') {
      r.incompatible.delete(key);
      const { unicast, multicast } = this.locatorsOf(d);
      this.linkReaderWriter(now, r, {
        remoteWriterGuid: d.remoteWriterGuid,
        ...(d.groupEntityId === undefined ? {} : { remoteGroupEntityId: d.groupEntityId }),
        unicastLocatorList: unicast,
        multicastLocatorList: multicast,
        ...(d.dataMaxSizeSerialized === undefined ? {} : { dataMaxSizeSerialized: d.dataMaxSizeSerialized }),
        reliable: d.qos.reliability.kind === ReliabilityKind.RELIABLE,
      });
      return;
    }
    const g = r.matched.get(key);
    if (g !== undefined) this.unmatchReaderWriter(now, r, key, g);
    if (result.kind === 'incompatible' && !r.incompatible.has(key)) {
      r.incompatible.add(key);
      this.events.push({ kind: 'incompatible-qos', local: r.guid, role: 'reader', remote: d.remoteWriterGuid, topicName: d.topicName, policies: result.policies });
    }
  }

  private unmatchWriterReader(_now: Nanos, w: LocalWriterRecord, key: string, g: Guid): void {
    w.endpoint.matchedReaderRemove(g);
    w.matched.delete(key);
    const set = this.writersOfReader.get(key);
    set?.delete(w.guid.entityId);
    if (set?.size === 0) this.writersOfReader.delete(key);
    if (!w.builtin) {
      this.events.push({ kind: 'publication-unmatched', local: w.guid, remote: g, topicName: w.description.topicName, currentCount: w.matched.size });
    }
  }

  private unmatchReaderWriter(_now: Nanos, r: LocalReaderRecord, key: string, g: Guid): void {
    const before = r.endpoint.history.size;
    // Instances only that writer kept alive become NOT_ALIVE_NO_WRITERS, which may queue data-less samples.
    r.endpoint.matchedWriterRemove(g);
    if (!r.builtin && r.endpoint.history.size > before) this.events.push({ kind: 'data-available', reader: r.guid, topicName: r.description.topicName });
    r.matched.delete(key);
    const set = this.readersOfWriter.get(key);
    set?.delete(r.guid.entityId);
    if (set?.size === 0) this.readersOfWriter.delete(key);
    if (!r.builtin) {
      this.events.push({ kind: 'subscription-unmatched', local: r.guid, remote: g, topicName: r.description.topicName, currentCount: r.matched.size });
    }
  }
}
