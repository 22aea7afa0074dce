import { SortedSequenceNumbers } from '../history/sorted-sequence-numbers.js';
import type { Nanos } from '../participant/environment.js';
import type { EntityId, Guid } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import { ChangeForReaderStatus } from './change-for-reader.js';

/** The attributes of a ReaderProxy (8.4.7.5) that discovery supplies. */
export interface ReaderProxyAttributes {
  readonly remoteReaderGuid: Guid;
  readonly remoteGroupEntityId?: EntityId;
  readonly unicastLocatorList: readonly Locator[];
  readonly multicastLocatorList: readonly Locator[];
  readonly expectsInlineQos: boolean;
  /** RELIABILITY of the matched reader: only reliable readers acknowledge (8.4.9.2 vs 8.4.9.1). */
  readonly reliable: boolean;
}

export interface ReaderProxyOptions {
  /**
   * Changes up to this SN count as ACKNOWLEDGED from the start: a VOLATILE writer passes its
   * lastChangeSequenceNumber at match time, as its older changes are not for this reader. Default 0.
   */
  readonly initialAcknowledged?: SequenceNumber;
  /** nackSuppressionDuration (8.4.7.1): a resent change stays UNDERWAY, and NACKs of it are ignored, this long. */
  readonly nackSuppressionDuration?: Nanos;
}

/** A NACK_FRAG request (8.3.7.6) waiting to be served: fragments of one change, in increasing order. */
export interface RequestedFragments {
  readonly sequenceNumber: SequenceNumber;
  readonly fragmentNumbers: number[];
}

/**
 * ReaderProxy (8.4.7.5): what a StatefulWriter knows about one matched reader. changes_for_reader is not
 * materialised per change: every SN <= highestAcknowledged is ACKNOWLEDGED, every SN > highestSent is UNSENT,
 * and in between a change is REQUESTED (in a sorted set), UNDERWAY (resent within nackSuppressionDuration) or
 * UNACKNOWLEDGED, so memory follows the number of outstanding requests, not the history size.
 */
export class ReaderProxy {
  readonly remoteReaderGuid: Guid;
  readonly remoteGroupEntityId: EntityId | undefined;
  unicastLocatorList: readonly Locator[];
  multicastLocatorList: readonly Locator[];
  readonly expectsInlineQos: boolean;
  readonly reliable: boolean;
  /** isActive (8.4.7.5): whether the reader is responsive; a writer may stop waiting for inactive readers. */
  isActive = true;
  private acked: SequenceNumber;
  private sent: SequenceNumber;
  private readonly requested = new SortedSequenceNumbers();
  private readonly underway = new Map<SequenceNumber, Nanos>();
  private readonly fragmentRequests = new Map<SequenceNumber, Set<number>>();
  private readonly fragmentOrder = new SortedSequenceNumbers();
  private readonly nackSuppression: Nanos;
  private lastAckNackCount: number | undefined;
  private lastNackFragCount: number | undefined;

  constructor(attributes: ReaderProxyAttributes, options: ReaderProxyOptions = {}) {
    this.remoteReaderGuid = attributes.remoteReaderGuid;
    this.remoteGroupEntityId = attributes.remoteGroupEntityId;
    this.unicastLocatorList = attributes.unicastLocatorList;
    this.multicastLocatorList = attributes.multicastLocatorList;
    this.expectsInlineQos = attributes.expectsInlineQos;
    this.reliable = attributes.reliable;
    this.acked = options.initialAcknowledged ?? 0n;
    this.sent = this.acked;
    this.nackSuppression = options.nackSuppressionDuration ?? 0;
  }

  /** Every change with SN <= this is ACKNOWLEDGED. */
  get highestAcknowledged(): SequenceNumber {
    return this.acked;
  }

  /** Every change with SN > this is UNSENT. */
  get highestSent(): SequenceNumber {
    return this.sent;
  }

  /** acked_changes_set (8.4.7.5): the reader has every change <= committedSeqNum (ACKNACK base - 1). */
  ackedChangesSet(committedSeqNum: SequenceNumber): void {
    if (committedSeqNum <= this.acked) return;
    this.acked = committedSeqNum;
    // A reader may acknowledge what it got through another path (multicast, another writer's GAP).
    if (this.sent < committedSeqNum) this.sent = committedSeqNum;
    this.requested.deleteUpTo(committedSeqNum);
    for (const sn of this.underway.keys()) if (sn <= committedSeqNum) this.underway.delete(sn);
    for (const sn of this.fragmentOrder.deleteUpTo(committedSeqNum)) this.fragmentRequests.delete(sn);
  }

  /**
   * The changes an ACKNACK with readerSNState.bitmapBase `base` still lacks but this proxy counts as
   * acknowledged (a VOLATILE writer's changes from before the match, or a restarted reader): the writer answers
   * them with a GAP, or the reader would NACK them forever. Undefined when there are none.
   */
  acknowledgedButMissing(base: SequenceNumber): { readonly first: SequenceNumber; readonly last: SequenceNumber } | undefined {
    const first = base < 1n ? 1n : base;
    return first <= this.acked ? { first, last: this.acked } : undefined;
  }

  /**
   * requested_changes_set (8.4.7.5): the reader NACKed these SNs. Ignored: those already acknowledged, those
   * not yet sent (they go out as unsent anyway) and those still UNDERWAY at `now`. Returns how many became REQUESTED.
   */
  requestedChangesSet(reqSeqNumSet: Iterable<SequenceNumber>, now: Nanos): number {
    let n = 0;
    for (const sn of reqSeqNumSet) {
      if (sn <= this.acked || sn > this.sent) continue;
      const until = this.underway.get(sn);
      if (until !== undefined) {
        if (until > now) continue;
        this.underway.delete(sn);
      }
      if (this.requested.add(sn)) n++;
    }
    return n;
  }

  /** next_requested_change (8.4.7.5): the lowest REQUESTED SN, which becomes UNDERWAY as the caller resends it. */
  nextRequestedChange(now: Nanos): SequenceNumber | undefined {
    const sn = this.requested.shift();
    if (sn !== undefined && this.nackSuppression > 0) this.underway.set(sn, now + this.nackSuppression);
    return sn;
  }

  /**
   * next_unsent_change (8.4.7.5): the lowest UNSENT SN not above lastAvailable (the writer's
   * lastChangeSequenceNumber), now counted as sent. If the history no longer holds it, the caller sends a GAP.
   * A best-effort reader never acknowledges, so what is sent to it counts as acknowledged.
   */
  nextUnsentChange(lastAvailable: SequenceNumber): SequenceNumber | undefined {
    if (this.sent >= lastAvailable) return undefined;
    this.sent += 1n;
    if (!this.reliable) this.acked = this.sent;
    return this.sent;
  }

  /**
   * Marks every change up to `sn` as sent at once, e.g. after one GAP covered a range the history no longer holds.
   */
  sentUpTo(sn: SequenceNumber): void {
    if (sn <= this.sent) return;
    this.sent = sn;
    if (!this.reliable) this.acked = sn;
  }

  /** unsent_changes (8.4.7.5) is non-empty. */
  hasUnsentChanges(lastAvailable: SequenceNumber): boolean {
    return this.sent < lastAvailable;
  }

  /** unacked_changes (8.4.7.5) is non-empty: something sent is not yet acknowledged. */
  hasUnackedChanges(): boolean {
    return this.reliable && this.acked < this.sent;
  }

  /** requested_changes (8.4.7.5) is non-empty. */
  hasRequestedChanges(): boolean {
    return this.requested.size > 0;
  }

  /** requested_changes (8.4.7.5), in increasing order. */
  requestedChanges(): SequenceNumber[] {
    return [...this.requested];
  }

  /** ChangeForReader.status (8.4.7.5) of the change `sn` at `now`. */
  changeForReaderStatus(sn: SequenceNumber, now: Nanos): ChangeForReaderStatus {
    if (sn <= this.acked) return ChangeForReaderStatus.ACKNOWLEDGED;
    if (sn > this.sent) return ChangeForReaderStatus.UNSENT;
    if (this.requested.has(sn)) return ChangeForReaderStatus.REQUESTED;
    const until = this.underway.get(sn);
    return until !== undefined && until > now ? ChangeForReaderStatus.UNDERWAY : ChangeForReaderStatus.UNACKNOWLEDGED;
  }

  /**
   * A NACK_FRAG (8.3.7.6, 8.4.15.3) asked for these fragments of `sn`, whose sample has `totalFragments`
   * fragments; out-of-range numbers and changes not outstanding are ignored, so memory stays bounded.
   */
  requestedFragmentsSet(sn: SequenceNumber, fragmentNumbers: Iterable<number>, totalFragments: number): number {
    if (sn <= this.acked || sn > this.sent) return 0;
    let set = this.fragmentRequests.get(sn);
    let n = 0;
    for (const fn of fragmentNumbers) {
      if (!Number.isInteger(fn) || fn < 1 || fn > totalFragments) continue;
      if (set === undefined) {
        set = new Set();
        this.fragmentRequests.set(sn, set);
        this.fragmentOrder.add(sn);
      }
      if (!set.has(fn)) {
        set.add(fn);
        n++;
      }
    }
    return n;
  }

  /** The lowest change with fragments requested, and those fragments; they are then no longer requested. */
  nextRequestedFragments(): RequestedFragments | undefined {
    const sn = this.fragmentOrder.shift();
    if (sn === undefined) return undefined;
    const set = this.fragmentRequests.get(sn)!;
    this.fragmentRequests.delete(sn);
    return { sequenceNumber: sn, fragmentNumbers: [...set].sort((a, b) => a - b) };
  }

  hasRequestedFragments(): boolean {
    return this.fragmentOrder.size > 0;
  }

  /** ACKNACK count check (8.3.7.1): true once per new count; repeats and stale ones are to be ignored. */
  isNewAckNack(count: number): boolean {
    if (this.lastAckNackCount !== undefined && count <= this.lastAckNackCount) return false;
    this.lastAckNackCount = count;
    return true;
  }

  /** NACK_FRAG count check (8.3.7.6). */
  isNewNackFrag(count: number): boolean {
    if (this.lastNackFragCount !== undefined && count <= this.lastNackFragCount) return false;
    this.lastNackFragCount = count;
    return true;
  }
}
