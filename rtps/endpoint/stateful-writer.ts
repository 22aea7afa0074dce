import { ReaderProxy } from '../behavior/reader-proxy.js';
import { DurabilityKind } from '../discovery/qos-policies.js';
import { ChangeKind, HANDLE_NIL, instanceHandleFromKeyHash, type CacheChange } from '../history/cache-change.js';
import type { HistoryQosPolicy, ResourceLimitsQosPolicy } from '../history/history-qos.js';
import { WriterHistoryCache } from '../history/writer-history-cache.js';
import { earliestDeadline, type Deadline, type Nanos } from '../participant/environment.js';
import { guidToString, type Guid, type GuidPrefix } from '../types/guid.js';
import { fragmentNumberSetMembers, sequenceNumberSetMembers } from '../types/number-set.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { AckNack } from '../wire/submessages/acknack.js';
import type { NackFrag } from '../wire/submessages/nack-frag.js';
import {
  changeInlineQos,
  checkFragmentationSettings,
  dataFragSubmessages,
  dataSubmessage,
  fragmentCount,
  isFragmented,
  type FragmentationSettings,
} from './change-encoding.js';
import { gapSubmessage } from './gap-encoding.js';
import type { Destination, Outbox } from './outbox.js';
import { destinationOf, type RemoteReader } from './remote-endpoint.js';
import type { InstanceOptions, WriteOptions, WriteResult } from './write-request.js';

/** Configuration of a StatefulWriter (8.4.7.1 RTPS Writer attributes, 8.4.9 StatefulWriter; DDS QoS it obeys). */
export interface WriterSettings extends FragmentationSettings {
  readonly guid: Guid;
  /** RELIABILITY RELIABLE (8.4.9.2) or BEST_EFFORT (8.4.9.1). */
  readonly reliable: boolean;
  /** TRANSIENT_LOCAL or above keeps acknowledged changes and serves them to late joiners. */
  readonly durability: DurabilityKind;
  readonly history: HistoryQosPolicy;
  readonly resourceLimits?: ResourceLimitsQosPolicy;
  /** LIFESPAN in nanoseconds; null or absent for infinite. */
  readonly lifespan?: Nanos | null;
  /** heartbeatPeriod (8.4.7.1): HEARTBEATs repeat this often while a reader has unacknowledged changes. */
  readonly heartbeatPeriod: Nanos;
  /** nackResponseDelay (8.4.7.1): how long requests are gathered before repairs go out. */
  readonly nackResponseDelay: Nanos;
  /** nackSuppressionDuration (8.4.7.1): NACKs of a change resent this recently are ignored. Default 0. */
  readonly nackSuppressionDuration?: Nanos;
  /** Byte order of the submessages sent. Default little-endian. */
  readonly littleEndian?: boolean;
}

/** Counters of inputs a writer ignored. */
export interface WriterStats {
  /** ACKNACK / NACK_FRAG from a reader not matched. */
  unmatched: number;
  /** ACKNACK / NACK_FRAG with a count already seen. */
  stale: number;
}

/** Refused ACKNACK / NACK_FRAG counts in a row after which a reader is taken to count from the start again. */
const STALE_COUNTS_BEFORE_RESET = 3;

/** Per matched reader: the ReaderProxy and the writer's timers for it. */
interface ReaderEntry {
  proxy: ReaderProxy;
  /** What the proxy was made from, to make it afresh when the reader lost its state. */
  reader: RemoteReader;
  /** ACKNACK / NACK_FRAG counts refused in a row: a reader whose counts restarted (it re-matched) sends only those. */
  staleStreak: number;
  destination: Destination;
  /** Changes <= floor were never meant for this reader (VOLATILE late joiner): HEARTBEATs start above it. */
  readonly floor: SequenceNumber;
  /** When requested changes, requested fragments and the answer to a pre-emptive ACKNACK go out. */
  responseAt: Deadline;
  /** An ACKNACK showed the reader does not know what is available: answer it with a HEARTBEAT. */
  heartbeatWanted: boolean;
  /** Changes the reader asked for that are acknowledged for it already (before its match): answered with a GAP. */
  gapRange: { first: SequenceNumber; last: SequenceNumber } | undefined;
}

/**
 * StatefulWriter (8.4.9): one ReaderProxy per matched reader. New changes are pushed at once as DATA or
 * DATA_FRAG, each burst followed by a HEARTBEAT (and a HEARTBEAT_FRAG per fragmented change) to reliable
 * readers; HEARTBEATs repeat every heartbeatPeriod while something is unacknowledged; ACKNACK and NACK_FRAG
 * requests are answered after nackResponseDelay with the changes or fragments, or with a GAP for what the
 * history no longer holds. Best-effort readers (8.4.9.1) get the data only.
 */
export class StatefulWriter {
  readonly guid: Guid;
  readonly history: WriterHistoryCache;
  readonly stats: WriterStats = { unmatched: 0, stale: 0 };
  private readonly readers = new Map<string, ReaderEntry>();
  private readonly littleEndian: boolean;
  private readonly transientLocal: boolean;
  private heartbeatAt: Deadline = null;
  private heartbeatCount = 0;
  private heartbeatFragCount = 0;

  constructor(
    private readonly settings: WriterSettings,
    private readonly outbox: Outbox,
  ) {
    checkFragmentationSettings(settings);
    for (const [name, v] of [['heartbeatPeriod', settings.heartbeatPeriod], ['nackResponseDelay', settings.nackResponseDelay]] as const) {
      if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`${name} must be a non-negative integer of nanoseconds, got ${v}`);
    }
    if (settings.heartbeatPeriod === 0) throw new RangeError('heartbeatPeriod must be positive');
    this.guid = settings.guid;
    this.littleEndian = settings.littleEndian ?? true;
    this.transientLocal = settings.durability >= DurabilityKind.TRANSIENT_LOCAL;
    this.history = new WriterHistoryCache({
      writerGuid: settings.guid,
      history: settings.history,
      ...(settings.resourceLimits === undefined ? {} : { resourceLimits: settings.resourceLimits }),
      lifespan: settings.lifespan ?? null,
      retainAcknowledged: this.transientLocal,
    });
  }

  /**
   * matched_reader_add (8.4.9.1.4 / 8.4.9.2.4). A reader that gets history (both TRANSIENT_LOCAL) starts from the
   * oldest change; others start after the last change. Adding a GUID again only updates its locators.
   */
  matchedReaderAdd(now: Nanos, reader: RemoteReader): void {
    const key = guidToString(reader.remoteReaderGuid);
    const known = this.readers.get(key);
    const destination = destinationOf(reader.remoteReaderGuid.prefix, reader.unicastLocatorList, reader.multicastLocatorList);
    if (known !== undefined) {
      known.proxy.unicastLocatorList = reader.unicastLocatorList;
      known.proxy.multicastLocatorList = reader.multicastLocatorList;
      known.destination = destination;
      known.reader = reader;
      return;
    }
    this.expire(now);
    const servesHistory = this.transientLocal && reader.durability >= DurabilityKind.TRANSIENT_LOCAL;
    const floor = servesHistory ? 0n : this.history.lastChangeSequenceNumber;
    const proxy = this.newProxy(reader, floor);
    const entry: ReaderEntry = { proxy, reader, destination, floor, staleStreak: 0, responseAt: null, heartbeatWanted: false, gapRange: undefined };
    this.readers.set(key, entry);
    const fragmented = this.sendUnsent(entry);
    // The first HEARTBEAT tells the reader where the writer stands, so a VOLATILE late joiner skips the past.
    if (proxy.reliable) this.sendHeartbeat(entry, fragmented);
    this.armHeartbeat(now);
  }

  private newProxy(reader: RemoteReader, acknowledged: SequenceNumber): ReaderProxy {
    return new ReaderProxy(
      { ...reader, reliable: reader.reliable && this.settings.reliable },
      { initialAcknowledged: acknowledged, ...(this.settings.nackSuppressionDuration === undefined ? {} : { nackSuppressionDuration: this.settings.nackSuppressionDuration }) },
    );
  }

  /** matched_reader_remove (8.4.9.1.4): acknowledgements no longer wait for it. */
  matchedReaderRemove(readerGuid: Guid): void {
    if (this.readers.delete(guidToString(readerGuid))) this.updateAcknowledged();
  }

  matchedReaders(): Guid[] {
    return [...this.readers.values()].map((e) => e.proxy.remoteReaderGuid);
  }

  /**
   * A new change (8.4.7 new_change + 8.2.2 add_change), sent at once to every matched reader. `payload` is the
   * SerializedPayload with its encapsulation header (an ALIVE change), or the serialized key (NOT_ALIVE kinds).
   */
  write(now: Nanos, payload: Uint8Array | undefined, opts: WriteOptions = {}): WriteResult {
    this.expire(now);
    const kind = opts.kind ?? ChangeKind.ALIVE;
    if (kind === ChangeKind.ALIVE && payload === undefined) throw new RangeError('an ALIVE change needs a payload');
    const handle = opts.keyHash === undefined ? HANDLE_NIL : instanceHandleFromKeyHash(opts.keyHash);
    const inlineQos = changeInlineQos(kind, opts.keyHash, opts.inlineQos);
    const outcome = this.history.newChange(kind, handle, payload, now, {
      ...(inlineQos === undefined ? {} : { inlineQos }),
      ...(opts.sourceTimestamp === undefined ? {} : { sourceTimestamp: opts.sourceTimestamp }),
    });
    if (!outcome.ok) return { ok: false, reason: outcome.reason, wouldBlock: outcome.wouldBlock };
    for (const entry of this.readers.values()) {
      const fragmented = this.sendUnsent(entry);
      if (entry.proxy.reliable) this.sendHeartbeat(entry, fragmented);
    }
    this.armHeartbeat(now);
    this.updateAcknowledged();
    return { ok: true, sequenceNumber: outcome.change.sequenceNumber };
  }

  /** dispose (DDS 2.2.2.4.2.13): a DATA with PID_STATUS_INFO disposed and the key hash (9.6.4.9). */
  dispose(now: Nanos, keyHash: Uint8Array, opts: InstanceOptions = {}): WriteResult {
    return this.write(now, opts.key, { keyHash, kind: ChangeKind.NOT_ALIVE_DISPOSED, ...timestampOf(opts) });
  }

  /** unregister_instance (DDS 2.2.2.4.2.10), optionally disposing too (autodispose_unregistered_instances). */
  unregister(now: Nanos, keyHash: Uint8Array, opts: InstanceOptions & { readonly dispose?: boolean } = {}): WriteResult {
    const kind = opts.dispose === true ? ChangeKind.NOT_ALIVE_DISPOSED_UNREGISTERED : ChangeKind.NOT_ALIVE_UNREGISTERED;
    return this.write(now, opts.key, { keyHash, kind, ...timestampOf(opts) });
  }

  /** ACKNACK received (8.4.9.2, 8.3.7.1): acknowledgements, requested changes, and what to answer. */
  handleAckNack(now: Nanos, acknack: AckNack, sourceGuidPrefix: GuidPrefix): void {
    const entry = this.readers.get(guidToString({ prefix: sourceGuidPrefix, entityId: acknack.readerId }));
    if (entry === undefined) {
      this.stats.unmatched++;
      return;
    }
    if (!entry.proxy.reliable || !this.isNewCount(entry, (p) => p.isNewAckNack(acknack.count))) return;
    const last = this.history.lastChangeSequenceNumber;
    const base = acknack.readerSNState.bitmapBase;
    if (base - 1n < entry.proxy.highestAcknowledged && entry.proxy.highestAcknowledged > entry.floor) {
      // The reader lacks what it acknowledged: it lost its state (unmatched and matched again on its side while
      // this side kept the match). Start it over from what it has, so what it lacks is sent again, not GAPped.
      entry.proxy = this.newProxy(entry.reader, base - 1n > entry.floor ? base - 1n : entry.floor);
      entry.proxy.isNewAckNack(acknack.count);
      this.sendHeartbeat(entry, this.sendUnsent(entry));
      this.armHeartbeat(now);
    }
    const proxy = entry.proxy;
    // A reader cannot acknowledge what was never written (it may be talking to a previous incarnation).
    proxy.ackedChangesSet((base - 1n < last ? base - 1n : last));
    const missed = proxy.acknowledgedButMissing(base);
    if (missed !== undefined) entry.gapRange = missed;
    const requested = sequenceNumberSetMembers(acknack.readerSNState).filter((sn) => sn <= last);
    const fresh = proxy.requestedChangesSet(requested, now);
    // An empty non-final ACKNACK asks where the writer stands: a pre-emptive ACKNACK, or a reader that missed
    // the HEARTBEATs. A HEARTBEAT answers it (8.4.9.2).
    if (!acknack.finalFlag && acknack.readerSNState.numBits === 0) entry.heartbeatWanted = true;
    if (fresh > 0 || missed !== undefined || entry.heartbeatWanted) this.scheduleResponse(entry, now);
    this.updateAcknowledged();
  }

  /** NACK_FRAG received (8.4.14.1, 8.3.7.10): the listed fragments are resent after nackResponseDelay. */
  handleNackFrag(now: Nanos, nackFrag: NackFrag, sourceGuidPrefix: GuidPrefix): void {
    const entry = this.readers.get(guidToString({ prefix: sourceGuidPrefix, entityId: nackFrag.readerId }));
    if (entry === undefined) {
      this.stats.unmatched++;
      return;
    }
    if (!entry.proxy.reliable || !this.isNewCount(entry, (p) => p.isNewNackFrag(nackFrag.count))) return;
    const proxy = entry.proxy;
    const change = this.history.cache.getChange(nackFrag.writerSN);
    if (change === undefined || !isFragmented(change, this.settings)) {
      // Nothing to resend from: ask for the change as a whole, which a GAP then answers if it is gone.
      if (proxy.requestedChangesSet([nackFrag.writerSN], now) > 0) this.scheduleResponse(entry, now);
      return;
    }
    const fragments = fragmentNumberSetMembers(nackFrag.fragmentNumberState);
    if (proxy.requestedFragmentsSet(nackFrag.writerSN, fragments, fragmentCount(change, this.settings)) > 0) this.scheduleResponse(entry, now);
  }

  /** Every reliable reader acknowledged every change up to `sn` (default: the last one written). */
  isAcknowledgedByAll(sn: SequenceNumber = this.history.lastChangeSequenceNumber): boolean {
    for (const e of this.readers.values()) if (e.proxy.reliable && e.proxy.highestAcknowledged < sn) return false;
    return true;
  }

  nextDeadline(): Deadline {
    let d = earliestDeadline(this.heartbeatAt, this.history.nextExpiry());
    for (const e of this.readers.values()) d = earliestDeadline(d, e.responseAt);
    return d;
  }

  handleTimeout(now: Nanos): void {
    this.expire(now);
    for (const entry of this.readers.values()) {
      if (entry.responseAt !== null && entry.responseAt <= now) this.respond(entry, now);
    }
    if (this.heartbeatAt !== null && this.heartbeatAt <= now) {
      this.heartbeatAt = null;
      for (const entry of this.readers.values()) if (entry.proxy.hasUnackedChanges()) this.sendHeartbeat(entry, []);
      this.armHeartbeat(now);
    }
  }

  /** LIFESPAN (DDS 2.2.3.16): expired changes leave the history; readers still lacking them get a GAP. */
  private expire(now: Nanos): void {
    if (this.history.expire(now).length > 0) this.updateAcknowledged();
  }

  /**
   * Count check of ACKNACK / NACK_FRAG (8.3.7.1, 8.3.7.10): repeats are ignored, but a reader whose counts went
   * back (it matched this writer anew, counting from the start) would be ignored forever; after a few refusals in
   * a row its proxy's count memory is reset (acknowledged and sent state kept) and the submessage taken.
   */
  private isNewCount(entry: ReaderEntry, isNew: (proxy: ReaderProxy) => boolean): boolean {
    if (isNew(entry.proxy)) {
      entry.staleStreak = 0;
      return true;
    }
    this.stats.stale++;
    if (++entry.staleStreak < STALE_COUNTS_BEFORE_RESET) return false;
    entry.staleStreak = 0;
    const old = entry.proxy;
    entry.proxy = this.newProxy(entry.reader, old.highestAcknowledged);
    entry.proxy.sentUpTo(old.highestSent);
    isNew(entry.proxy);
    return true;
  }

  private scheduleResponse(entry: ReaderEntry, now: Nanos): void {
    if (entry.responseAt === null) entry.responseAt = now + this.settings.nackResponseDelay;
  }

  /** Periodic HEARTBEATs run while some reliable reader has unacknowledged changes (8.4.9.2.7). */
  private armHeartbeat(now: Nanos): void {
    if (this.heartbeatAt !== null) return;
    for (const e of this.readers.values()) {
      if (e.proxy.hasUnackedChanges()) {
        this.heartbeatAt = now + this.settings.heartbeatPeriod;
        return;
      }
    }
  }

  /**
   * Pushes the reader's unsent changes (8.4.9.1.4 / 8.4.9.2.4 pushing state); SNs the history no longer holds
   * go as one GAP per run. Returns the fragmented changes sent, for HEARTBEAT_FRAG.
   */
  private sendUnsent(entry: ReaderEntry): CacheChange[] {
    const fragmented: CacheChange[] = [];
    const proxy = entry.proxy;
    const last = this.history.lastChangeSequenceNumber;
    for (let sn = proxy.nextUnsentChange(last); sn !== undefined; sn = proxy.nextUnsentChange(last)) {
      const change = this.history.cache.getChange(sn);
      if (change === undefined) {
        const next = this.history.cache.nextChangeAfter(sn);
        const end = next === undefined ? last : next.sequenceNumber - 1n;
        this.sendGap(entry, sn, end);
        proxy.sentUpTo(end);
        continue;
      }
      if (this.sendChange(entry, change)) fragmented.push(change);
    }
    return fragmented;
  }

  /** DATA or DATA_FRAGs of one change (all fragments, or those listed); true if it went fragmented. */
  private sendChange(entry: ReaderEntry, change: CacheChange, fragments?: readonly number[]): boolean {
    const readerId = entry.proxy.remoteReaderGuid.entityId;
    const ts = change.sourceTimestamp;
    if (!isFragmented(change, this.settings)) {
      this.outbox.enqueue(entry.destination, dataSubmessage(change, readerId, this.guid.entityId, this.littleEndian), ts);
      return false;
    }
    for (const f of dataFragSubmessages(change, readerId, this.guid.entityId, this.littleEndian, this.settings, fragments)) {
      this.outbox.enqueue(entry.destination, f, ts);
    }
    return true;
  }

  private sendGap(entry: ReaderEntry, first: SequenceNumber, last: SequenceNumber): void {
    this.outbox.enqueue(entry.destination, gapSubmessage(entry.proxy.remoteReaderGuid.entityId, this.guid.entityId, first, last, this.littleEndian));
  }

  /**
   * HEARTBEAT (8.3.7.5) to one reader, after HEARTBEAT_FRAGs (8.3.7.6) for the fragmented changes just sent.
   * firstSN never goes below the reader's floor, so a VOLATILE late joiner treats older SNs as lost; the final
   * flag is set when the reader has nothing left to acknowledge, so it need not answer.
   */
  private sendHeartbeat(entry: ReaderEntry, fragmented: readonly CacheChange[]): void {
    const readerId = entry.proxy.remoteReaderGuid.entityId;
    for (const change of fragmented) {
      this.outbox.enqueue(entry.destination, {
        kind: 'HEARTBEAT_FRAG',
        littleEndian: this.littleEndian,
        readerId,
        writerId: this.guid.entityId,
        writerSN: change.sequenceNumber,
        lastFragmentNum: fragmentCount(change, this.settings),
        count: ++this.heartbeatFragCount,
      });
    }
    const last = this.history.lastChangeSequenceNumber;
    const min = this.history.cache.getSeqNumMin() ?? last + 1n;
    const firstSN = min > entry.floor ? min : entry.floor + 1n;
    this.heartbeatCount = (this.heartbeatCount + 1) | 0;
    this.outbox.enqueue(entry.destination, {
      kind: 'HEARTBEAT',
      littleEndian: this.littleEndian,
      finalFlag: !entry.proxy.hasUnackedChanges(),
      livelinessFlag: false,
      groupInfoFlag: false,
      readerId,
      writerId: this.guid.entityId,
      firstSN,
      lastSN: last,
      count: this.heartbeatCount,
    });
  }

  /** After nackResponseDelay: GAPs and repairs for what the reader requested, then a HEARTBEAT (8.4.9.2.12). */
  private respond(entry: ReaderEntry, now: Nanos): void {
    entry.responseAt = null;
    const proxy = entry.proxy;
    let answered = entry.heartbeatWanted;
    entry.heartbeatWanted = false;
    if (entry.gapRange !== undefined) {
      this.sendGap(entry, entry.gapRange.first, entry.gapRange.last);
      entry.gapRange = undefined;
      answered = true;
    }
    let gapFirst: SequenceNumber | undefined;
    let gapLast: SequenceNumber = 0n;
    const flushGap = (): void => {
      if (gapFirst !== undefined) this.sendGap(entry, gapFirst, gapLast);
      gapFirst = undefined;
    };
    for (let sn = proxy.nextRequestedChange(now); sn !== undefined; sn = proxy.nextRequestedChange(now)) {
      answered = true;
      const change = this.history.cache.getChange(sn);
      if (change === undefined) {
        if (gapFirst !== undefined && sn === gapLast + 1n) gapLast = sn;
        else {
          flushGap();
          gapFirst = sn;
          gapLast = sn;
        }
        continue;
      }
      flushGap();
      this.sendChange(entry, change);
    }
    flushGap();
    for (let rf = proxy.nextRequestedFragments(); rf !== undefined; rf = proxy.nextRequestedFragments()) {
      answered = true;
      const change = this.history.cache.getChange(rf.sequenceNumber);
      if (change === undefined) this.sendGap(entry, rf.sequenceNumber, rf.sequenceNumber);
      else this.sendChange(entry, change, rf.fragmentNumbers);
    }
    if (answered) this.sendHeartbeat(entry, []);
    this.armHeartbeat(now);
  }

  /**
   * The acknowledgement floor over reliable readers (8.4.7.5 acked_changes_set). With no reliable reader nothing
   * waits for acknowledgement, so a VOLATILE writer's history does not fill up.
   */
  private updateAcknowledged(): void {
    let floor = this.history.lastChangeSequenceNumber;
    for (const e of this.readers.values()) if (e.proxy.reliable && e.proxy.highestAcknowledged < floor) floor = e.proxy.highestAcknowledged;
    this.history.setAcknowledged(floor);
    if (this.heartbeatAt !== null) {
      for (const e of this.readers.values()) if (e.proxy.hasUnackedChanges()) return;
      this.heartbeatAt = null;
    }
  }
}

function timestampOf(opts: InstanceOptions): Pick<WriteOptions, 'sourceTimestamp'> {
  return opts.sourceTimestamp === undefined ? {} : { sourceTimestamp: opts.sourceTimestamp };
}
