import { SortedSequenceNumbers } from '../history/sorted-sequence-numbers.js';
import type { EntityId, Guid } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import { NUMBER_SET_MAX_BITS, sequenceNumberSet, type SequenceNumberSet } from '../types/number-set.js';
import type { SequenceNumber } from '../types/sequence-number.js';

/** The attributes of a WriterProxy (8.4.10.4) that discovery supplies. */
export interface WriterProxyAttributes {
  readonly remoteWriterGuid: Guid;
  readonly remoteGroupEntityId?: EntityId;
  readonly unicastLocatorList: readonly Locator[];
  readonly multicastLocatorList: readonly Locator[];
  /** dataMaxSizeSerialized (8.4.10.4), when the writer announced it. */
  readonly dataMaxSizeSerialized?: number;
}

export interface WriterProxyOptions {
  /** RELIABLE: out-of-order changes wait for the missing ones; BEST_EFFORT: anything newer is delivered at once. */
  readonly reliable: boolean;
  /** Most out-of-order changes held back; beyond, a change is dropped unrecorded so it is NACKed again. Default 4096. */
  readonly maxBuffered?: number;
  /** Most separate GAP ranges remembered ahead of the delivered prefix. Default 1024. */
  readonly maxIrrelevantRanges?: number;
}

/** Counters of what a WriterProxy threw away. */
export interface WriterProxyStats {
  /** Changes already received, irrelevant or lost. */
  duplicates: number;
  /** Changes refused because maxBuffered was reached. */
  overflow: number;
}

interface Range {
  lo: SequenceNumber;
  hi: SequenceNumber;
}

/**
 * WriterProxy (8.4.10.4): what a StatefulReader knows about one matched writer, plus in-order delivery.
 * Every SN <= availableChangesMax() is RECEIVED or LOST; above it, received changes wait in a bounded buffer and
 * GAP-announced irrelevant SNs in merged ranges; the rest up to the last available SN are MISSING. Each operation
 * returns the changes that became deliverable, in SN order, each exactly once.
 */
export class WriterProxy<T extends object> {
  readonly remoteWriterGuid: Guid;
  readonly remoteGroupEntityId: EntityId | undefined;
  unicastLocatorList: readonly Locator[];
  multicastLocatorList: readonly Locator[];
  readonly dataMaxSizeSerialized: number | undefined;
  readonly stats: WriterProxyStats = { duplicates: 0, overflow: 0 };
  private readonly reliable: boolean;
  private readonly maxBuffered: number;
  private readonly maxRanges: number;
  private contiguous: SequenceNumber = 0n;
  private lastAvailable: SequenceNumber = 0n;
  private readonly buffered = new Map<SequenceNumber, T>();
  private readonly bufferedOrder = new SortedSequenceNumbers();
  /** Disjoint, non-adjacent, sorted, all above `contiguous + 1`. */
  private irrelevant: Range[] = [];
  private lastHeartbeatCount: number | undefined;
  private lastHeartbeatFragCount: number | undefined;

  constructor(attributes: WriterProxyAttributes, options: WriterProxyOptions) {
    this.remoteWriterGuid = attributes.remoteWriterGuid;
    this.remoteGroupEntityId = attributes.remoteGroupEntityId;
    this.unicastLocatorList = attributes.unicastLocatorList;
    this.multicastLocatorList = attributes.multicastLocatorList;
    this.dataMaxSizeSerialized = attributes.dataMaxSizeSerialized;
    this.reliable = options.reliable;
    this.maxBuffered = options.maxBuffered ?? 4096;
    this.maxRanges = options.maxIrrelevantRanges ?? 1024;
  }

  /** available_changes_max (8.4.10.4): the highest SN such that every SN up to it is RECEIVED or LOST. */
  availableChangesMax(): SequenceNumber {
    return this.contiguous;
  }

  /** The highest SN the writer is known to have (HEARTBEAT lastSN, or a change received). */
  lastAvailableSequenceNumber(): SequenceNumber {
    return this.lastAvailable;
  }

  /** received_change_set (8.4.10.4) for a DATA / completed DATA_FRAG; returns what is now deliverable. */
  receivedChangeSet(sn: SequenceNumber, change: T): T[] {
    if (sn <= this.contiguous || this.buffered.has(sn) || this.inIrrelevant(sn)) {
      this.stats.duplicates++;
      return [];
    }
    if (sn > this.lastAvailable) this.lastAvailable = sn;
    if (!this.reliable) {
      // Best effort (8.4.11.2): anything older that has not arrived is lost.
      this.contiguous = sn;
      this.trimRanges();
      return [change];
    }
    const out: T[] = [];
    if (sn === this.contiguous + 1n) {
      this.contiguous = sn;
      out.push(change);
    } else {
      if (this.buffered.size >= this.maxBuffered) {
        this.stats.overflow++;
        return out;
      }
      this.buffered.set(sn, change);
      this.bufferedOrder.add(sn);
    }
    this.advance(out);
    return out;
  }

  /** irrelevant_change_set (8.4.10.4): a GAP says `sn` carries nothing for this reader. */
  irrelevantChangeSet(sn: SequenceNumber): T[] {
    return this.irrelevantChangeRangeSet(sn, sn);
  }

  /** irrelevant_change_set over [first, last] (a GAP's gapStart .. gapList.bitmapBase - 1), without iterating it. */
  irrelevantChangeRangeSet(first: SequenceNumber, last: SequenceNumber): T[] {
    const out: T[] = [];
    if (last <= this.contiguous || first > last) return out;
    const lo = first > this.contiguous ? first : this.contiguous + 1n;
    if (last > this.lastAvailable) this.lastAvailable = last;
    if (!this.insertRange(lo, last)) return out;
    this.advance(out);
    return out;
  }

  /**
   * lost_changes_update (8.4.10.4): the writer no longer has anything below firstAvailable (HEARTBEAT firstSN).
   * Changes received out of order below it are still delivered, in order.
   */
  lostChangesUpdate(firstAvailable: SequenceNumber): T[] {
    const out: T[] = [];
    const floor = firstAvailable - 1n;
    if (floor <= this.contiguous) return out;
    for (const sn of this.bufferedOrder.deleteUpTo(floor)) {
      out.push(this.buffered.get(sn)!);
      this.buffered.delete(sn);
    }
    this.contiguous = floor;
    if (floor > this.lastAvailable) this.lastAvailable = floor;
    this.trimRanges();
    this.advance(out);
    return out;
  }

  /** missing_changes_update (8.4.10.4): the writer has everything up to lastAvailable (HEARTBEAT lastSN). */
  missingChangesUpdate(lastAvailable: SequenceNumber): void {
    if (lastAvailable > this.lastAvailable) this.lastAvailable = lastAvailable;
  }

  /** missing_changes (8.4.10.4): MISSING SNs in increasing order, at most `limit` and none above `upTo`. */
  missingChanges(limit = NUMBER_SET_MAX_BITS, upTo: SequenceNumber = this.lastAvailable): SequenceNumber[] {
    const out: SequenceNumber[] = [];
    const end = upTo < this.lastAvailable ? upTo : this.lastAvailable;
    let r = 0;
    for (let sn = this.contiguous + 1n; sn <= end && out.length < limit; sn++) {
      while (r < this.irrelevant.length && this.irrelevant[r]!.hi < sn) r++;
      const range = this.irrelevant[r];
      if (range !== undefined && range.lo <= sn) {
        sn = range.hi;
        continue;
      }
      if (!this.buffered.has(sn)) out.push(sn);
    }
    return out;
  }

  hasMissingChanges(): boolean {
    return this.missingChanges(1).length > 0;
  }

  /**
   * readerSNState of the ACKNACK to send (8.4.12.2, 8.3.7.1): base is the first SN not yet RECEIVED/LOST
   * (available_changes_max + 1, never below 1), bits mark the MISSING SNs in the 256-wide window from there.
   */
  acknackReaderSNState(): SequenceNumberSet {
    const base = this.contiguous + 1n;
    const missing = this.missingChanges(NUMBER_SET_MAX_BITS, base + BigInt(NUMBER_SET_MAX_BITS - 1));
    const numBits = missing.length === 0 ? 0 : Number(missing[missing.length - 1]! - base) + 1;
    return sequenceNumberSet(base, missing, numBits);
  }

  /** HEARTBEAT count check (8.3.7.5): true once per new count; repeats and stale ones are to be ignored. */
  isNewHeartbeat(count: number): boolean {
    if (this.lastHeartbeatCount !== undefined && count <= this.lastHeartbeatCount) return false;
    this.lastHeartbeatCount = count;
    return true;
  }

  /** HEARTBEAT_FRAG count check (8.3.7.6). */
  isNewHeartbeatFrag(count: number): boolean {
    if (this.lastHeartbeatFragCount !== undefined && count <= this.lastHeartbeatFragCount) return false;
    this.lastHeartbeatFragCount = count;
    return true;
  }

  /** Number of out-of-order changes held back. */
  get bufferedCount(): number {
    return this.buffered.size;
  }

  private inIrrelevant(sn: SequenceNumber): boolean {
    const i = this.rangeIndex(sn);
    const r = this.irrelevant[i];
    return r !== undefined && r.lo <= sn;
  }

  /** Index of the first range whose hi >= sn. */
  private rangeIndex(sn: SequenceNumber): number {
    let lo = 0;
    let hi = this.irrelevant.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.irrelevant[mid]!.hi < sn) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Merges [lo, hi] into the ranges; false if that would exceed maxIrrelevantRanges (the GAP is then forgotten). */
  private insertRange(lo: SequenceNumber, hi: SequenceNumber): boolean {
    // First range that touches or follows lo - 1, and the ranges [i, j) that merge with [lo, hi].
    const i = this.rangeIndex(lo - 1n);
    let j = i;
    let newLo = lo;
    let newHi = hi;
    while (j < this.irrelevant.length && this.irrelevant[j]!.lo <= hi + 1n) {
      const r = this.irrelevant[j]!;
      if (r.lo < newLo) newLo = r.lo;
      if (r.hi > newHi) newHi = r.hi;
      j++;
    }
    if (j === i && this.irrelevant.length >= this.maxRanges) return false;
    this.irrelevant.splice(i, j - i, { lo: newLo, hi: newHi });
    return true;
  }

  private trimRanges(): void {
    const keep = this.rangeIndex(this.contiguous + 1n);
    if (keep > 0) this.irrelevant.splice(0, keep);
    const first = this.irrelevant[0];
    if (first !== undefined && first.lo <= this.contiguous) first.lo = this.contiguous + 1n;
  }

  /** Extends the RECEIVED/LOST prefix over buffered changes and irrelevant ranges, delivering in order. */
  private advance(out: T[]): void {
    for (;;) {
      const next = this.contiguous + 1n;
      const change = this.buffered.get(next);
      if (change !== undefined) {
        this.buffered.delete(next);
        this.bufferedOrder.delete(next);
        this.contiguous = next;
        out.push(change);
        continue;
      }
      const r = this.irrelevant[0];
      if (r !== undefined && r.lo <= next) {
        // Changes received inside a range the writer later called irrelevant are still delivered, in order.
        for (const sn of this.bufferedOrder.deleteUpTo(r.hi)) {
          out.push(this.buffered.get(sn)!);
          this.buffered.delete(sn);
        }
        // A range may have gone stale while buffered changes advanced the prefix through it.
        if (r.hi > this.contiguous) this.contiguous = r.hi;
        this.irrelevant.shift();
        continue;
      }
      return;
    }
  }
}
