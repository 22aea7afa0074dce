import type { SequenceNumber } from '../types/sequence-number.js';
import type { CacheChange } from './cache-change.js';
import { SortedSequenceNumbers } from './sorted-sequence-numbers.js';

/**
 * HistoryCache (8.2.2) of one writer's changes, indexed by sequence number: add_change, remove_change,
 * get_seq_num_min, get_seq_num_max, plus the lookups a writer needs to serve ReaderProxies.
 */
export class HistoryCache {
  private readonly bySn = new Map<SequenceNumber, CacheChange>();
  private readonly order = new SortedSequenceNumbers();

  get size(): number {
    return this.bySn.size;
  }

  /** add_change (8.2.2); false (and nothing changes) if that sequence number is already present. */
  addChange(change: CacheChange): boolean {
    if (this.bySn.has(change.sequenceNumber)) return false;
    this.bySn.set(change.sequenceNumber, change);
    this.order.add(change.sequenceNumber);
    return true;
  }

  /** remove_change (8.2.2): the removed change, or undefined if absent. */
  removeChange(sn: SequenceNumber): CacheChange | undefined {
    const change = this.bySn.get(sn);
    if (change === undefined) return undefined;
    this.bySn.delete(sn);
    this.order.delete(sn);
    return change;
  }

  getChange(sn: SequenceNumber): CacheChange | undefined {
    return this.bySn.get(sn);
  }

  /** get_seq_num_min (8.2.2). */
  getSeqNumMin(): SequenceNumber | undefined {
    return this.order.min();
  }

  /** get_seq_num_max (8.2.2). */
  getSeqNumMax(): SequenceNumber | undefined {
    return this.order.max();
  }

  /** The change with the smallest sequence number > sn: what to send after sn; the SNs skipped are GAPs. */
  nextChangeAfter(sn: SequenceNumber): CacheChange | undefined {
    const next = this.order.firstAfter(sn);
    return next === undefined ? undefined : this.bySn.get(next);
  }

  /** Changes in increasing sequence-number order. */
  *changes(): IterableIterator<CacheChange> {
    for (const sn of this.order) yield this.bySn.get(sn)!;
  }
}
