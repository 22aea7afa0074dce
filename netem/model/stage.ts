import type { Packet } from './packet.js';

/** One hop of a packet's path: a CPU hop on a node's core, a link direction, or the final delivery. */
export interface Stage {
  readonly label: string;
  /** The packet is at this hop now; the stage schedules it onward, drops it or delivers it. */
  arrive(p: Packet): void;
}
