/** One event of a run, as plain data: what `--trace FILE` records. Times are virtual nanoseconds. */
export interface TraceRecord {
  /** Virtual time of the event (ns). */
  readonly t: number;
  /** What happened: a packet entered a hop, left the model (delivered or dropped), or a timer fired. */
  readonly ev: 'send' | 'hop' | 'deliver' | 'drop' | 'timer';
  /** Packet id (0 for timers). */
  readonly pkt: number;
  /** Hop label (`node/hop`, `link a->b`) or the drop reason. */
  readonly at: string;
  /** Bytes of the packet on that hop (IP packet plus encapsulation), 0 for timers. */
  readonly bytes: number;
}

/** Receives trace records; the engine calls it only when one is installed, so untraced runs pay nothing. */
export type TraceSink = (record: TraceRecord) => void;
