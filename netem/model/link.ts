import type { Simulator } from '../engine/simulator.js';
import { DepartureFifo } from './fifo.js';
import type { Packet } from './packet.js';
import type { Stage } from './stage.js';

/** A point-to-point Ethernet link, the same in both directions. */
export interface LinkSpec {
  readonly a: string;
  readonly b: string;
  readonly bandwidthBps: number;
  readonly delayNs: number;
  /** Largest IP packet (incl. tunnel headers) the link carries; bigger ones are dropped. */
  readonly mtu: number;
  /** Queue limit in packets (including the one being sent) at each end; Infinity = backpressure, never drops. */
  readonly queuePackets: number;
  /** Probability that a frame is lost after it was sent. */
  readonly loss: number;
  /** Extra delay, uniform in [0, jitterNs]. */
  readonly jitterNs: number;
  /** When false, jitter never reorders frames (a frame never overtakes the one before it). */
  readonly reorder: boolean;
}

/**
 * One direction of a link: a FIFO transmitter (serialization at `bandwidthBps` of the whole Ethernet frame incl.
 * preamble and IFG) followed by propagation. `busyUntil` makes it impossible to exceed the bandwidth.
 */
export class LinkDirection implements Stage {
  private busyUntil = 0;
  private lastArrival = 0;
  private readonly queue = new DepartureFifo();
  /** Bytes put on the wire (frames incl. framing), for bandwidth checks. */
  wireBytes = 0;
  private readonly nsPerByte: number;

  constructor(
    private readonly sim: Simulator,
    readonly label: string,
    readonly spec: LinkSpec,
    private readonly framingBytes: number,
  ) {
    this.nsPerByte = 8e9 / spec.bandwidthBps;
  }

  /** Serialization time of a frame carrying an IP packet of `size` bytes. */
  serializationNs(size: number): number {
    return Math.round((size + this.framingBytes) * this.nsPerByte);
  }

  arrive(p: Packet): void {
    const sim = this.sim;
    const now = sim.now;
    const spec = this.spec;
    const size = p.size;
    if (size > spec.mtu) return this.drop(p, 'mtu');
    if (spec.queuePackets !== Infinity) {
      this.queue.prune(now);
      if (this.queue.length >= spec.queuePackets) return this.drop(p, 'queue');
    }
    const start = this.busyUntil > now ? this.busyUntil : now;
    const done = start + this.serializationNs(size);
    this.busyUntil = done;
    this.wireBytes += size + this.framingBytes;
    if (spec.queuePackets !== Infinity) this.queue.push(done);
    if (sim.rng.chance(spec.loss)) return this.drop(p, 'loss');
    let arrival = done + spec.delayNs + (spec.jitterNs > 0 ? sim.rng.int(spec.jitterNs + 1) : 0);
    if (!spec.reorder && arrival < this.lastArrival) arrival = this.lastArrival;
    this.lastArrival = arrival;
    sim.at(arrival, p);
  }

  private drop(p: Packet, why: string): void {
    this.sim.counters.dropped++;
    this.sim.record('drop', p.id, why + ' ' + this.label, p.size);
  }
}
