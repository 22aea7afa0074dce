// A tiny deterministic network for endpoint tests: every enqueued submessage travels as its own datagram
// (INFO_TS + submessage, really encoded and decoded), suffering seeded loss, duplication and reordering
// (random delay), and time jumps from deadline to deadline. No real clock, no sleeps.
import type { Deadline, Nanos, Random } from '../../rtps/participant/environment.js';
import { randomFloat, randomInt, seededRandom } from '../../rtps/participant/environment.js';
import type { Destination, Outbox } from '../../rtps/endpoint/outbox.js';
import type { StatefulReader } from '../../rtps/endpoint/stateful-reader.js';
import type { StatefulWriter } from '../../rtps/endpoint/stateful-writer.js';
import { ENTITYID_UNKNOWN, guidPrefixToString, type GuidPrefix } from '../../rtps/types/guid.js';
import type { Time } from '../../rtps/types/time.js';
import { decodeMessage, encodeMessage } from '../../rtps/wire/message.js';
import { interpretMessage } from '../../rtps/wire/receiver.js';
import type { EntitySubmessage, Submessage } from '../../rtps/wire/submessage.js';

export interface LinkFaults {
  /** Probability a datagram is lost. */
  readonly loss: number;
  /** Probability a datagram is delivered twice. */
  readonly duplicate: number;
  /** Datagrams take a uniformly random delay in [0, maxDelay]: larger spreads reorder more. */
  readonly maxDelay: Nanos;
}

export const PERFECT: LinkFaults = { loss: 0, duplicate: 0, maxDelay: 0 };

/** Sent submessages, for tests that look at what went out. */
export interface SentRecord {
  readonly at: Nanos;
  readonly from: string;
  readonly to: string;
  readonly submessage: EntitySubmessage;
  dropped: boolean;
}

interface InFlight {
  readonly at: Nanos;
  readonly order: number;
  readonly to: string;
  readonly bytes: Uint8Array;
}

interface Node {
  readonly prefix: GuidPrefix;
  readonly writers: StatefulWriter[];
  readonly readers: StatefulReader[];
}

/** Decides the fate of one datagram: undefined delivers it, 'drop' loses it. Lets tests target one packet. */
export type Filter = (record: SentRecord) => 'drop' | undefined;

export class SimNetwork {
  now: Nanos = 0;
  /** Every datagram sent, when `recording` (memory grows with traffic). */
  readonly sent: SentRecord[] = [];
  recording = false;
  /** Reader key -> number of data-available notifications. */
  readonly dataAvailable = new Map<StatefulReader, number>();
  filter: Filter | undefined;
  private readonly nodes = new Map<string, Node>();
  private readonly inFlight: InFlight[] = [];
  private order = 0;
  private readonly random: Random;

  constructor(
    seed: number,
    public faults: LinkFaults,
  ) {
    this.random = seededRandom(seed);
  }

  /** The Outbox of a participant: what its endpoints enqueue is put on the wire at once. */
  outbox(prefix: GuidPrefix): Outbox {
    const from = guidPrefixToString(prefix);
    this.node(prefix);
    return {
      enqueue: (destination: Destination, submessage: EntitySubmessage, timestamp?: Time) => this.send(prefix, from, destination, submessage, timestamp),
    };
  }

  addWriter(prefix: GuidPrefix, w: StatefulWriter): void {
    this.node(prefix).writers.push(w);
  }

  addReader(prefix: GuidPrefix, r: StatefulReader): void {
    this.node(prefix).readers.push(r);
  }

  /** The earliest of the endpoints' deadlines and the next arrival. */
  nextEvent(): Deadline {
    let d: Deadline = null;
    const min = (x: Deadline): void => {
      if (x !== null && (d === null || x < d)) d = x;
    };
    for (const n of this.nodes.values()) {
      for (const w of n.writers) min(w.nextDeadline());
      for (const r of n.readers) min(r.nextDeadline());
    }
    for (const p of this.inFlight) min(p.at);
    return d;
  }

  /** Runs everything due at `t` (>= now): arrivals first, then timers. */
  advanceTo(t: Nanos): void {
    if (t < this.now) throw new Error(`time going back: ${t} < ${this.now}`);
    this.now = t;
    for (;;) {
      const due = this.inFlight.filter((p) => p.at <= t).sort((a, b) => a.at - b.at || a.order - b.order);
      if (due.length === 0) break;
      for (const p of due) this.inFlight.splice(this.inFlight.indexOf(p), 1);
      for (const p of due) this.deliver(p);
    }
    for (const n of this.nodes.values()) {
      for (const w of n.writers) {
        const d = w.nextDeadline();
        if (d !== null && d <= t) w.handleTimeout(t);
      }
      for (const r of n.readers) {
        const d = r.nextDeadline();
        if (d !== null && d <= t) r.handleTimeout(t);
      }
    }
  }

  /** Steps from event to event until nothing is pending or `until` is reached; returns whether it went quiet. */
  runUntilQuiet(until: Nanos): boolean {
    for (let steps = 0; steps < 1_000_000; steps++) {
      const next = this.nextEvent();
      if (next === null) return true;
      if (next > until) return false;
      this.advanceTo(Math.max(next, this.now));
    }
    throw new Error('simulation did not settle');
  }

  private node(prefix: GuidPrefix): Node {
    const key = guidPrefixToString(prefix);
    let n = this.nodes.get(key);
    if (n === undefined) {
      n = { prefix, writers: [], readers: [] };
      this.nodes.set(key, n);
    }
    return n;
  }

  private send(prefix: GuidPrefix, from: string, destination: Destination, submessage: EntitySubmessage, timestamp: Time | undefined): void {
    if (destination.guidPrefix === undefined) throw new Error('stateful endpoints always address a participant');
    const to = guidPrefixToString(destination.guidPrefix);
    const record: SentRecord = { at: this.now, from, to, submessage, dropped: false };
    if (this.recording) this.sent.push(record);
    const submessages: Submessage[] = [];
    if (timestamp !== undefined) submessages.push({ kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp });
    submessages.push(submessage);
    const bytes = encodeMessage({ header: { protocolVersion: { major: 2, minor: 5 }, vendorId: 0x0101, guidPrefix: prefix }, submessages });
    if (this.filter?.(record) === 'drop' || randomFloat(this.random) < this.faults.loss) {
      record.dropped = true;
      return;
    }
    const copies = randomFloat(this.random) < this.faults.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const delay = this.faults.maxDelay > 0 ? randomInt(this.random, this.faults.maxDelay + 1) : 0;
      this.inFlight.push({ at: this.now + delay, order: this.order++, to, bytes });
    }
  }

  private deliver(p: InFlight): void {
    const node = this.nodes.get(p.to);
    if (node === undefined) return;
    const decoded = decodeMessage(p.bytes);
    if (!decoded.ok || decoded.value.invalidTail !== undefined) throw new Error('the network carried an invalid message');
    for (const { submessage: sm, receiver } of interpretMessage(decoded.value, { localGuidPrefix: node.prefix })) {
      switch (sm.kind) {
        case 'ACKNACK':
          for (const w of node.writers) if (w.guid.entityId === sm.writerId) w.handleAckNack(this.now, sm, receiver.sourceGuidPrefix);
          break;
        case 'NACK_FRAG':
          for (const w of node.writers) if (w.guid.entityId === sm.writerId) w.handleNackFrag(this.now, sm, receiver.sourceGuidPrefix);
          break;
        case 'DATA':
        case 'DATA_FRAG':
        case 'HEARTBEAT':
        case 'HEARTBEAT_FRAG':
        case 'GAP':
          for (const r of node.readers) {
            if (sm.readerId !== ENTITYID_UNKNOWN && sm.readerId !== r.guid.entityId) continue;
            let available: boolean;
            if (sm.kind === 'DATA') available = r.handleData(this.now, sm, receiver);
            else if (sm.kind === 'DATA_FRAG') available = r.handleDataFrag(this.now, sm, receiver);
            else if (sm.kind === 'HEARTBEAT') available = r.handleHeartbeat(this.now, sm, receiver);
            else if (sm.kind === 'HEARTBEAT_FRAG') available = r.handleHeartbeatFrag(this.now, sm, receiver);
            else available = r.handleGap(this.now, sm, receiver);
            if (available) this.dataAvailable.set(r, (this.dataAvailable.get(r) ?? 0) + 1);
          }
          break;
        default:
          throw new Error(`unexpected ${sm.kind}`);
      }
    }
  }
}
