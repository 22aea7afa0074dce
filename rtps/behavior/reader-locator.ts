import { SortedSequenceNumbers } from '../history/sorted-sequence-numbers.js';
import type { Locator } from '../types/locator.js';
import type { SequenceNumber } from '../types/sequence-number.js';

/**
 * ReaderLocator (8.4.7.6): what a StatelessWriter keeps per destination locator. Nothing is acknowledged, so
 * only the highest SN sent and the SNs requested by NACKs (reliable StatelessWriter, 8.4.8.2) are tracked.
 */
export class ReaderLocator {
  private sent: SequenceNumber = 0n;
  private readonly requested = new SortedSequenceNumbers();

  constructor(
    readonly locator: Locator,
    readonly expectsInlineQos: boolean,
  ) {}

  /** Every change with SN > this is unsent. */
  get highestSent(): SequenceNumber {
    return this.sent;
  }

  /** next_unsent_change (8.4.7.6): the lowest unsent SN up to lastAvailable, now counted as sent. */
  nextUnsentChange(lastAvailable: SequenceNumber): SequenceNumber | undefined {
    if (this.sent >= lastAvailable) return undefined;
    this.sent += 1n;
    return this.sent;
  }

  /** Counts everything up to `sn` as sent, e.g. after one GAP covered changes the history no longer holds. */
  sentUpTo(sn: SequenceNumber): void {
    if (sn > this.sent) this.sent = sn;
  }

  /** unsent_changes (8.4.7.6) is non-empty. */
  hasUnsentChanges(lastAvailable: SequenceNumber): boolean {
    return this.sent < lastAvailable;
  }

  /**
   * unsent_changes_reset (8.4.8.1.2): everything becomes unsent again, as a StatelessWriter does every
   * resendDataPeriod (SPDP announcements, 8.5.3.2).
   */
  unsentChangesReset(): void {
    this.sent = 0n;
  }

  /** requested_changes_set (8.4.7.6): only changes already sent can be requested; returns how many were new. */
  requestedChangesSet(reqSeqNumSet: Iterable<SequenceNumber>): number {
    let n = 0;
    for (const sn of reqSeqNumSet) if (sn >= 1n && sn <= this.sent && this.requested.add(sn)) n++;
    return n;
  }

  /** next_requested_change (8.4.7.6): the lowest requested SN, no longer requested. */
  nextRequestedChange(): SequenceNumber | undefined {
    return this.requested.shift();
  }

  /** requested_changes (8.4.7.6) is non-empty. */
  hasRequestedChanges(): boolean {
    return this.requested.size > 0;
  }
}
