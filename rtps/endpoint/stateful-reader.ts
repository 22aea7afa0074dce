import { FragmentAssembler, type FragmentAssemblerLimits } from '../behavior/fragment-assembler.js';
import { WriterProxy } from '../behavior/writer-proxy.js';
import { DecodeError } from '../codec/decode-error.js';
import type { CacheChange } from '../history/cache-change.js';
import type { HistoryQosPolicy, ResourceLimitsQosPolicy } from '../history/history-qos.js';
import { ReaderHistoryCache } from '../history/reader-history-cache.js';
import { earliestDeadline, type Deadline, type Nanos } from '../participant/environment.js';
import { guidToString, type Guid } from '../types/guid.js';
import { NUMBER_SET_MAX_BITS, sequenceNumberSet, sequenceNumberSetMembers } from '../types/number-set.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Time } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';
import type { ReceiverState } from '../wire/receiver.js';
import type { DataFrag } from '../wire/submessages/data-frag.js';
import type { Data } from '../wire/submessages/data.js';
import type { Gap } from '../wire/submessages/gap.js';
import type { HeartbeatFrag } from '../wire/submessages/heartbeat-frag.js';
import type { Heartbeat } from '../wire/submessages/heartbeat.js';
import { changeFromSample, type KeyHashOf, type ReceivedSample } from './change-encoding.js';
import type { Destination, Outbox } from './outbox.js';
import { destinationOf, type RemoteWriter } from './remote-endpoint.js';

/** Configuration of a StatefulReader (8.4.10.1 RTPS Reader attributes, 8.4.12; DDS QoS it obeys). */
export interface ReaderSettings {
  readonly guid: Guid;
  /** RELIABILITY RELIABLE (8.4.12.2) or BEST_EFFORT (8.4.12.1). */
  readonly reliable: boolean;
  readonly history: HistoryQosPolicy;
  readonly resourceLimits?: ResourceLimitsQosPolicy;
  /** heartbeatResponseDelay (8.4.10.1): how long after a HEARTBEAT the ACKNACK goes out. */
  readonly heartbeatResponseDelay: Nanos;
  /**
   * Until a matched writer's first HEARTBEAT arrives, a reliable reader repeats a pre-emptive ACKNACK this often
   * (default 1 s), so a writer that believes this reader up to date still tells it where it stands.
   */
  readonly preemptiveAckNackPeriod?: Nanos;
  /** Bounds on DATA_FRAG reassembly memory. */
  readonly fragmentLimits?: Partial<FragmentAssemblerLimits>;
  /** Most out-of-order changes held back per writer (WriterProxy maxBuffered). */
  readonly maxBufferedPerWriter?: number;
  /** Byte order of the submessages sent. Default little-endian. */
  readonly littleEndian?: boolean;
  /** For keyed types: the key hash of a sample whose DATA carried no PID_KEY_HASH. */
  readonly keyHashOf?: KeyHashOf;
}

/** Counters of inputs a reader threw away (they map onto the participant's DropReason). */
export interface ReaderStats {
  /** From a writer not matched. */
  unmatched: number;
  /** Inline QoS that did not decode. */
  malformed: number;
  /** Refused by the history's RESOURCE_LIMITS (DDS SAMPLE_REJECTED). */
  rejected: number;
}

/** Inline QoS and timestamp seen on some fragment of a sample still being reassembled. */
interface FragmentMeta {
  readonly inlineQos: readonly Parameter[] | undefined;
  readonly littleEndian: boolean;
  readonly sourceTimestamp: Time | undefined;
}

/** Most samples per writer whose fragment meta-data is remembered, and HEARTBEAT_FRAGs waiting for an answer. */
const MAX_FRAGMENT_META = 64;
/**
 * NACK_FRAGs sent for one sample before the ACKNACK asks for it whole as well: a writer that ignores NACK_FRAG
 * (it is optional to act on) must not leave the reader stuck on a partial sample.
 */
const NACK_FRAG_ATTEMPTS = 3;

interface WriterEntry {
  readonly key: string;
  readonly proxy: WriterProxy<CacheChange>;
  destination: Destination;
  readonly reliable: boolean;
  /** When the ACKNACK (and NACK_FRAGs) answering HEARTBEATs go out. */
  ackAt: Deadline;
  /** A HEARTBEAT without the final flag arrived: answer even if nothing is missing (8.4.12.2). */
  mustAck: boolean;
  /** A HEARTBEAT from this writer arrived since the match; before that, ackAt repeats the pre-emptive ACKNACK. */
  heartbeatSeen: boolean;
  /** HEARTBEAT_FRAG lastFragmentNum per SN, answered with NACK_FRAG at ackAt. */
  readonly fragmentHeartbeats: Map<SequenceNumber, number>;
  readonly fragmentMeta: Map<SequenceNumber, FragmentMeta>;
  /** NACK_FRAGs sent per partly received SN since it was last asked for whole. */
  readonly nackFragAttempts: Map<SequenceNumber, number>;
}

/**
 * StatefulReader (8.4.12): one WriterProxy per matched writer. Changes enter the ReaderHistoryCache once each,
 * in each writer's order; DATA_FRAGs are reassembled within memory bounds. A reliable reader answers HEARTBEATs
 * after heartbeatResponseDelay with an ACKNACK of the missing SNs and NACK_FRAGs for partly received samples;
 * a best-effort reader (8.4.12.1) keeps only what is newer than what it delivered and sends nothing.
 */
export class StatefulReader {
  readonly guid: Guid;
  readonly history: ReaderHistoryCache;
  readonly stats: ReaderStats = { unmatched: 0, malformed: 0, rejected: 0 };
  private readonly writers = new Map<string, WriterEntry>();
  private readonly assembler: FragmentAssembler;
  private readonly littleEndian: boolean;
  private acknackCount = 0;
  private nackFragCount = 0;

  constructor(
    private readonly settings: ReaderSettings,
    private readonly outbox: Outbox,
  ) {
    if (!(Number.isInteger(settings.heartbeatResponseDelay) && settings.heartbeatResponseDelay >= 0)) {
      throw new RangeError(`heartbeatResponseDelay must be a non-negative integer of nanoseconds, got ${settings.heartbeatResponseDelay}`);
    }
    this.guid = settings.guid;
    this.littleEndian = settings.littleEndian ?? true;
    this.history = new ReaderHistoryCache({
      history: settings.history,
      ...(settings.resourceLimits === undefined ? {} : { resourceLimits: settings.resourceLimits }),
    });
    this.assembler = new FragmentAssembler(settings.fragmentLimits);
  }

  /** Bytes held by partly reassembled samples. */
  get reassemblyBytes(): number {
    return this.assembler.bytesInUse;
  }

  /** matched_writer_add (8.4.12.1.4 / 8.4.12.2.4). Adding a GUID again only updates its locators. */
  matchedWriterAdd(writer: RemoteWriter, now?: Nanos): void {
    const key = guidToString(writer.remoteWriterGuid);
    const destination = destinationOf(writer.remoteWriterGuid.prefix, writer.unicastLocatorList, writer.multicastLocatorList);
    const known = this.writers.get(key);
    if (known !== undefined) {
      known.proxy.unicastLocatorList = writer.unicastLocatorList;
      known.proxy.multicastLocatorList = writer.multicastLocatorList;
      known.destination = destination;
      return;
    }
    const reliable = this.settings.reliable && writer.reliable;
    const entry: WriterEntry = {
      key,
      proxy: new WriterProxy<CacheChange>(writer, {
        reliable,
        ...(this.settings.maxBufferedPerWriter === undefined ? {} : { maxBuffered: this.settings.maxBufferedPerWriter }),
      }),
      destination,
      reliable,
      ackAt: null,
      mustAck: false,
      heartbeatSeen: false,
      fragmentHeartbeats: new Map(),
      fragmentMeta: new Map(),
      nackFragAttempts: new Map(),
    };
    this.writers.set(key, entry);
    if (reliable) this.sendPreemptiveAckNack(entry, now);
  }

  /**
   * matched_writer_remove (8.4.12.1.4): its partial samples are dropped and instances only it kept alive become
   * NOT_ALIVE_NO_WRITERS (DDS 2.2.2.5.1), which may queue data-less samples.
   */
  matchedWriterRemove(writerGuid: Guid): void {
    const key = guidToString(writerGuid);
    if (!this.writers.delete(key)) return;
    this.assembler.removeWriter(key);
    this.history.writerLost(writerGuid);
  }

  matchedWriters(): Guid[] {
    return [...this.writers.values()].map((e) => e.proxy.remoteWriterGuid);
  }

  /** DATA received (8.4.12.1, 8.4.12.2); true when new samples entered the history (data available). */
  handleData(_now: Nanos, data: Data, receiver: ReceiverState): boolean {
    const entry = this.entryFor(receiver, data.writerId);
    if (entry === undefined) return false;
    const change = this.decode({
      writerGuid: entry.proxy.remoteWriterGuid,
      sequenceNumber: data.writerSN,
      inlineQos: data.inlineQos,
      littleEndian: data.littleEndian,
      payload: data.serializedPayload,
      keyOnly: data.keyFlag,
      sourceTimestamp: receiver.haveTimestamp ? receiver.timestamp : undefined,
    });
    return this.received(entry, data.writerSN, change);
  }

  /** DATA_FRAG received (8.4.12, 8.4.14.1): reassembled, then handled as the DATA it stands for. */
  handleDataFrag(_now: Nanos, frag: DataFrag, receiver: ReceiverState): boolean {
    const entry = this.entryFor(receiver, frag.writerId);
    if (entry === undefined) return false;
    const sn = frag.writerSN;
    if (sn <= entry.proxy.availableChangesMax()) return false;
    const outcome = this.assembler.addFragments({
      writer: entry.key,
      writerSN: sn,
      fragmentStartingNum: frag.fragmentStartingNum,
      fragmentsInSubmessage: frag.fragmentsInSubmessage,
      fragmentSize: frag.fragmentSize,
      sampleSize: frag.sampleSize,
      serializedPayload: frag.serializedPayload,
    });
    if (outcome.kind === 'dropped' || outcome.kind === 'duplicate') return false;
    const ts = receiver.haveTimestamp ? receiver.timestamp : undefined;
    let meta = entry.fragmentMeta.get(sn);
    if (meta === undefined || (meta.inlineQos === undefined && frag.inlineQos !== undefined)) {
      meta = { inlineQos: frag.inlineQos, littleEndian: frag.littleEndian, sourceTimestamp: ts ?? meta?.sourceTimestamp };
      if (outcome.kind === 'incomplete') this.rememberMeta(entry, sn, meta);
    }
    if (outcome.kind === 'incomplete') return false;
    entry.fragmentMeta.delete(sn);
    const change = this.decode({
      writerGuid: entry.proxy.remoteWriterGuid,
      sequenceNumber: sn,
      inlineQos: meta.inlineQos,
      littleEndian: meta.littleEndian,
      payload: outcome.data,
      keyOnly: frag.keyFlag,
      sourceTimestamp: meta.sourceTimestamp,
    });
    return this.received(entry, sn, change);
  }

  /**
   * HEARTBEAT received (8.4.12.2, 8.4.2.3.2): SNs below firstSN are lost, up to lastSN available; an ACKNACK
   * is due when the HEARTBEAT asks for one (final flag clear) or something is missing.
   */
  handleHeartbeat(now: Nanos, hb: Heartbeat, receiver: ReceiverState): boolean {
    const entry = this.entryFor(receiver, hb.writerId);
    if (entry === undefined || !entry.reliable) return false;
    if (!entry.proxy.isNewHeartbeat(hb.count)) return false;
    if (!entry.heartbeatSeen) {
      entry.heartbeatSeen = true;
      entry.ackAt = null;
    }
    const delivered = entry.proxy.lostChangesUpdate(hb.firstSN);
    entry.proxy.missingChangesUpdate(hb.lastSN);
    const available = this.deliver(entry, delivered);
    if (!hb.finalFlag) entry.mustAck = true;
    if (!hb.finalFlag || entry.proxy.hasMissingChanges()) this.scheduleAck(entry, now);
    return available;
  }

  /** HEARTBEAT_FRAG received (8.4.14.1, 8.3.7.6): a partly received sample gets a NACK_FRAG with the ACKNACK. */
  handleHeartbeatFrag(now: Nanos, hbf: HeartbeatFrag, receiver: ReceiverState): boolean {
    const entry = this.entryFor(receiver, hbf.writerId);
    if (entry === undefined || !entry.reliable) return false;
    if (!entry.proxy.isNewHeartbeatFrag(hbf.count)) return false;
    if (hbf.writerSN <= entry.proxy.availableChangesMax()) return false;
    if (this.assembler.missingFragments(entry.key, hbf.writerSN, hbf.lastFragmentNum) === undefined) return false;
    if (entry.fragmentHeartbeats.size >= MAX_FRAGMENT_META && !entry.fragmentHeartbeats.has(hbf.writerSN)) return false;
    entry.fragmentHeartbeats.set(hbf.writerSN, hbf.lastFragmentNum);
    this.scheduleAck(entry, now);
    return false;
  }

  /** GAP received (8.4.12.2, 8.3.7.4): gapStart..gapList.bitmapBase-1 and the gapList members are irrelevant. */
  handleGap(_now: Nanos, gap: Gap, receiver: ReceiverState): boolean {
    const entry = this.entryFor(receiver, gap.writerId);
    if (entry === undefined || !entry.reliable) return false;
    const delivered = entry.proxy.irrelevantChangeRangeSet(gap.gapStart, gap.gapList.bitmapBase - 1n);
    for (const sn of sequenceNumberSetMembers(gap.gapList)) delivered.push(...entry.proxy.irrelevantChangeSet(sn));
    return this.deliver(entry, delivered);
  }

  nextDeadline(): Deadline {
    let d: Deadline = null;
    for (const e of this.writers.values()) d = earliestDeadline(d, e.ackAt);
    return d;
  }

  handleTimeout(now: Nanos): void {
    for (const entry of this.writers.values()) {
      if (entry.ackAt === null || entry.ackAt > now) continue;
      if (entry.heartbeatSeen) this.sendAckNack(entry);
      else {
        // Before the first HEARTBEAT only HEARTBEAT_FRAGs can be answered; the ACKNACK stays pre-emptive.
        this.sendNackFrags(entry, new Map());
        this.sendPreemptiveAckNack(entry, now);
      }
    }
  }

  private entryFor(receiver: ReceiverState, writerId: number): WriterEntry | undefined {
    const entry = this.writers.get(guidToString({ prefix: receiver.sourceGuidPrefix, entityId: writerId }));
    if (entry === undefined) this.stats.unmatched++;
    return entry;
  }

  private decode(sample: ReceivedSample): CacheChange | undefined {
    try {
      return changeFromSample(sample, this.settings.keyHashOf);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.stats.malformed++;
      return undefined;
    }
  }

  /** A change arrived (or turned out to carry nothing for this reader): record it and deliver what is due. */
  private received(entry: WriterEntry, sn: SequenceNumber, change: CacheChange | undefined): boolean {
    const delivered = change === undefined ? entry.proxy.irrelevantChangeSet(sn) : entry.proxy.receivedChangeSet(sn, change);
    return this.deliver(entry, delivered);
  }

  /** Hands in-order changes to the history (8.4.12 received_change_set → add_change) and forgets what is done. */
  private deliver(entry: WriterEntry, changes: readonly CacheChange[]): boolean {
    let available = false;
    for (const c of changes) {
      const outcome = this.history.addChange(c);
      if (!outcome.accepted) this.stats.rejected++;
      else if (outcome.stored) available = true;
    }
    const done = entry.proxy.availableChangesMax();
    this.assembler.discardUpTo(entry.key, done);
    for (const sn of entry.fragmentMeta.keys()) if (sn <= done) entry.fragmentMeta.delete(sn);
    for (const sn of entry.fragmentHeartbeats.keys()) if (sn <= done) entry.fragmentHeartbeats.delete(sn);
    for (const sn of entry.nackFragAttempts.keys()) if (sn <= done) entry.nackFragAttempts.delete(sn);
    return available;
  }

  private rememberMeta(entry: WriterEntry, sn: SequenceNumber, meta: FragmentMeta): void {
    if (!entry.fragmentMeta.has(sn) && entry.fragmentMeta.size >= MAX_FRAGMENT_META) {
      entry.fragmentMeta.delete(entry.fragmentMeta.keys().next().value!);
    }
    entry.fragmentMeta.set(sn, meta);
  }

  /**
   * A non-final ACKNACK with an empty set (a pre-emptive ACKNACK, 8.3.7.1; Cyclone DDS sends one on matching although
   * 8.4.2.3 has readers answer only HEARTBEATs): asks the writer for a HEARTBEAT. Repeated every
   * preemptiveAckNackPeriod from `now` until a HEARTBEAT arrives.
   */
  private sendPreemptiveAckNack(entry: WriterEntry, now: Nanos | undefined): void {
    entry.ackAt = now === undefined ? null : now + (this.settings.preemptiveAckNackPeriod ?? 1_000_000_000);
    this.acknackCount = (this.acknackCount + 1) | 0;
    this.outbox.enqueue(entry.destination, {
      kind: 'ACKNACK',
      littleEndian: this.littleEndian,
      finalFlag: false,
      readerId: this.guid.entityId,
      writerId: entry.proxy.remoteWriterGuid.entityId,
      readerSNState: sequenceNumberSet(entry.proxy.availableChangesMax() + 1n, []),
      count: this.acknackCount,
    });
  }

  private scheduleAck(entry: WriterEntry, now: Nanos): void {
    if (entry.ackAt === null) entry.ackAt = now + this.settings.heartbeatResponseDelay;
  }

  /**
   * ACKNACK (8.3.7.1, 8.4.12.2): base is the first SN not yet received, bits the missing SNs in the window except
   * those partly received, which get a NACK_FRAG (8.3.7.10) for their missing fragments instead. Sent only if
   * something is missing or the HEARTBEAT asked for an answer. The final flag is always set, as Cyclone DDS does:
   * requested changes are resent anyway, and a HEARTBEAT answering every ACKNACK would only ping-pong; the next
   * HEARTBEAT comes after the repairs or with heartbeatPeriod.
   */
  /**
   * NACK_FRAG (8.3.7.10) for each partly received SN given (missing fragments up to the number given) and for
   * those a HEARTBEAT_FRAG announced.
   */
  private sendNackFrags(entry: WriterEntry, partial: Map<SequenceNumber, number>): void {
    for (const [sn, upTo] of entry.fragmentHeartbeats) if (!partial.has(sn)) partial.set(sn, upTo);
    entry.fragmentHeartbeats.clear();
    for (const [sn, upTo] of partial) {
      const fragments = this.assembler.missingFragments(entry.key, sn, upTo);
      if (fragments === undefined) continue;
      this.nackFragCount = (this.nackFragCount + 1) | 0;
      this.outbox.enqueue(entry.destination, {
        kind: 'NACK_FRAG',
        littleEndian: this.littleEndian,
        readerId: this.guid.entityId,
        writerId: entry.proxy.remoteWriterGuid.entityId,
        writerSN: sn,
        fragmentNumberState: fragments,
        count: this.nackFragCount,
      });
    }
  }

  private sendAckNack(entry: WriterEntry): void {
    entry.ackAt = null;
    const writerId = entry.proxy.remoteWriterGuid.entityId;
    const state = entry.proxy.acknackReaderSNState();
    const missing = sequenceNumberSetMembers(state);
    const whole: SequenceNumber[] = [];
    const partial = new Map<SequenceNumber, number>();
    for (const sn of missing) {
      if (this.assembler.missingFragments(entry.key, sn) === undefined) {
        whole.push(sn);
        continue;
      }
      partial.set(sn, Infinity);
      const attempts = (entry.nackFragAttempts.get(sn) ?? 0) + 1;
      if (attempts > NACK_FRAG_ATTEMPTS) {
        whole.push(sn);
        entry.nackFragAttempts.delete(sn);
      } else if (attempts === 1 && entry.nackFragAttempts.size >= NUMBER_SET_MAX_BITS) {
        whole.push(sn);
      } else entry.nackFragAttempts.set(sn, attempts);
    }
    this.sendNackFrags(entry, partial);
    if (missing.length === 0 && !entry.mustAck) return;
    entry.mustAck = false;
    this.acknackCount = (this.acknackCount + 1) | 0;
    this.outbox.enqueue(entry.destination, {
      kind: 'ACKNACK',
      littleEndian: this.littleEndian,
      finalFlag: true,
      readerId: this.guid.entityId,
      writerId,
      readerSNState: sequenceNumberSet(state.bitmapBase, whole),
      count: this.acknackCount,
    });
  }
}
