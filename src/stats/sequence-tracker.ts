/** What a subscriber saw of one writer's sample sequence numbers (the application-level `seq` field). */
export interface SequenceCounts {
  received: number;
  /** Gaps: sequence numbers skipped over and never seen before a later one arrived. */
  lost: number;
  /** A sequence number seen twice. */
  duplicates: number;
  /** A sequence number older than one already received (and not a duplicate of it). */
  outOfOrder: number;
}

/**
 * Checks a stream of per-writer sequence numbers that the publisher increments by one per sample (ddsperf's
 * KeyedSeq.seq, our `pub`): anything else is loss, duplication or reordering. The first sample of a writer sets
 * the baseline, so joining a running publisher does not count its history as lost.
 */
export class SequenceTracker {
  private readonly writers = new Map<string, { next: number; late: Set<number> }>();
  readonly total: SequenceCounts = { received: 0, lost: 0, duplicates: 0, outOfOrder: 0 };

  /** Records sample `seq` (uint32) from writer `writer` (any stable key, e.g. its GUID string). */
  record(writer: string, seq: number): void {
    const t = this.total;
    t.received++;
    const w = this.writers.get(writer);
    if (w === undefined) {
      this.writers.set(writer, { next: seq + 1, late: new Set() });
      return;
    }
    if (seq === w.next) {
      w.next = seq + 1;
    } else if (seq > w.next) {
      // Remember what was skipped (bounded: only the most recent gap stays reorderable) in case it still arrives.
      if (w.late.size > 4096) w.late.clear();
      if (seq - w.next <= 1024) for (let s = w.next; s < seq; s++) w.late.add(s);
      t.lost += seq - w.next;
      w.next = seq + 1;
    } else if (w.late.delete(seq)) {
      t.lost--;
      t.outOfOrder++;
    } else {
      t.duplicates++;
    }
  }

  /** Number of distinct writers seen. */
  get writerCount(): number {
    return this.writers.size;
  }
}
