import type { SequenceNumber } from '../types/sequence-number.js';

/**
 * An ordered set of SequenceNumbers (8.3.5.4), the index behind HistoryCache, ReaderProxy and WriterProxy.
 * Sequence numbers almost always arrive in increasing order, so adding at the end and removing at the front
 * are O(1) amortised; out-of-order insertion and removal from the middle fall back to a binary search and splice.
 */
export class SortedSequenceNumbers implements Iterable<SequenceNumber> {
  private items: SequenceNumber[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  min(): SequenceNumber | undefined {
    return this.items[this.head];
  }

  max(): SequenceNumber | undefined {
    return this.items.length > this.head ? this.items[this.items.length - 1] : undefined;
  }

  /** Index of the first element >= sn (items.length when none). */
  private lowerBound(sn: SequenceNumber): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]! < sn) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(sn: SequenceNumber): boolean {
    const i = this.lowerBound(sn);
    return i < this.items.length && this.items[i] === sn;
  }

  /** Adds sn; false if it was already present. */
  add(sn: SequenceNumber): boolean {
    const n = this.items.length;
    if (n === this.head || this.items[n - 1]! < sn) {
      this.items.push(sn);
      return true;
    }
    const i = this.lowerBound(sn);
    if (this.items[i] === sn) return false;
    this.items.splice(i, 0, sn);
    return true;
  }

  /** Removes sn; false if it was absent. */
  delete(sn: SequenceNumber): boolean {
    const i = this.lowerBound(sn);
    if (i >= this.items.length || this.items[i] !== sn) return false;
    if (i === this.head) this.advanceHead(1);
    else this.items.splice(i, 1);
    return true;
  }

  /** Removes and returns the smallest element. */
  shift(): SequenceNumber | undefined {
    if (this.head >= this.items.length) return undefined;
    const sn = this.items[this.head]!;
    this.advanceHead(1);
    return sn;
  }

  /** Removes every element <= sn and returns them in increasing order. */
  deleteUpTo(sn: SequenceNumber): SequenceNumber[] {
    const end = this.lowerBound(sn + 1n);
    const removed = this.items.slice(this.head, end);
    this.advanceHead(end - this.head);
    return removed;
  }

  /** The smallest element > sn. */
  firstAfter(sn: SequenceNumber): SequenceNumber | undefined {
    return this.items[this.lowerBound(sn + 1n)];
  }

  /** Elements in [from, to] in increasing order, at most `limit` of them. */
  range(from: SequenceNumber, to: SequenceNumber, limit = Infinity): SequenceNumber[] {
    const out: SequenceNumber[] = [];
    for (let i = this.lowerBound(from); i < this.items.length && out.length < limit; i++) {
      const sn = this.items[i]!;
      if (sn > to) break;
      out.push(sn);
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<SequenceNumber> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }

  private advanceHead(k: number): void {
    this.head += k;
    // Compact once the dead prefix dominates, so memory follows the live size.
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
