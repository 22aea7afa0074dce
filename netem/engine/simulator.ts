import { EventQueue } from './event-queue.js';
import { Prng } from './prng.js';
import type { TraceRecord, TraceSink } from './trace.js';

/** Anything the engine can fire: packets at their next hop, timers. Objects, not closures, to keep events cheap. */
export interface Firable {
  fire(): void;
}

/** Handle to a scheduled timer; `cancel()` makes its firing a no-op. */
export interface TimerHandle {
  cancel(): void;
}

class Timer implements Firable, TimerHandle {
  private live = true;
  constructor(
    private readonly sim: Simulator,
    private readonly fn: (now: number) => void,
  ) {}
  cancel(): void {
    this.live = false;
  }
  fire(): void {
    if (!this.live) return;
    this.live = false;
    this.sim.record('timer', 0, 'timer', 0);
    this.fn(this.sim.now);
  }
}

/** Packet accounting kept by the engine so conservation can be checked: sent = delivered + dropped + in flight. */
export interface PacketCounters {
  sent: number;
  delivered: number;
  dropped: number;
}

/**
 * Discrete-event simulator in virtual time (integer nanoseconds). No wall clock, one seeded PRNG, events at equal
 * times fire in scheduling order: the same inputs and seed replay the same event sequence.
 */
export class Simulator {
  now = 0;
  /** Number of events fired so far (packet-hop events and timers). */
  events = 0;
  readonly rng: Prng;
  readonly counters: PacketCounters = { sent: 0, delivered: 0, dropped: 0 };
  private readonly queue = new EventQueue<Firable>();
  private nextPacketId = 1;

  constructor(
    seed: number,
    private readonly trace?: TraceSink,
  ) {
    this.rng = new Prng(seed);
  }

  get tracing(): boolean {
    return this.trace !== undefined;
  }

  /** Schedules `item` at absolute virtual time `at` (never earlier than now). */
  at(at: number, item: Firable): void {
    this.queue.push(at < this.now ? this.now : at, item);
  }

  /** Calls `fn(now)` after `delayNs` of virtual time. */
  timer(delayNs: number, fn: (now: number) => void): TimerHandle {
    const t = new Timer(this, fn);
    this.at(this.now + Math.max(0, Math.round(delayNs)), t);
    return t;
  }

  allocatePacketId(): number {
    return this.nextPacketId++;
  }

  record(ev: TraceRecord['ev'], pkt: number, at: string, bytes: number): void {
    if (this.trace !== undefined) this.trace({ t: this.now, ev, pkt, at, bytes });
  }

  /** Runs events until the queue is empty or the next one is later than `until` (ns); leaves `now` = until. */
  run(until: number): void {
    const q = this.queue;
    while (q.size > 0 && q.peekTime() <= until) {
      const t = q.peekTime();
      const item = q.pop();
      this.now = t;
      this.events++;
      item.fire();
    }
    if (until > this.now && until !== Infinity) this.now = until;
  }

  /** Events still scheduled. */
  get pending(): number {
    return this.queue.size;
  }
}
