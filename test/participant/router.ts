// An in-test network for Participants: pure, virtual time, optional loss and partitions. Each node owns the
// locators its config announces; a datagram to a multicast locator reaches every node listening on it
// (the sender too, as IP_MULTICAST_LOOP does), one to a unicast locator reaches its owner.
import {
  locatorToString,
  seededRandom,
  udpv4Locator,
  wellKnownPorts,
  type Locator,
  type Nanos,
  type Random,
} from '../../rtps/index.js';
import { makeGuidPrefix, type ParticipantConfig } from '../../rtps/participant/config.js';
import type { ParticipantEvent } from '../../rtps/participant/events.js';
import { Participant } from '../../rtps/participant/participant.js';

export const MS = 1_000_000;
export const S = 1_000 * MS;

export interface Node {
  readonly name: string;
  readonly address: string;
  participant: Participant;
  readonly events: ParticipantEvent[];
  /** Locators (as strings) this node receives on, and which socket each is. */
  readonly listens: Map<string, 'metatraffic' | 'user'>;
  up: boolean;
}

interface InFlight {
  readonly at: Nanos;
  readonly seq: number;
  readonly from: Node;
  readonly to: Node;
  readonly via: 'metatraffic' | 'user';
  readonly source: Locator;
  readonly bytes: Uint8Array;
}

export interface RouterOptions {
  readonly latency?: Nanos;
  /** Probability in [0, 1) that a datagram is lost. */
  readonly loss?: number;
  readonly seed?: number;
}

export class Router {
  now: Nanos = 0;
  readonly nodes: Node[] = [];
  private inFlight: InFlight[] = [];
  private seq = 0;
  private readonly random: Random;
  /** Pairs of node names that cannot reach each other. */
  readonly cut = new Set<string>();
  delivered = 0;
  /** The largest datagram any node sent. */
  largest = 0;
  /** Probability that a datagram is lost; may be changed while running. */
  loss: number;

  constructor(readonly options: RouterOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
    this.loss = options.loss ?? 0;
  }

  /** Adds a participant at `address` with participant id `id`; `config` overrides the defaults. */
  add(name: string, address: string, config: Partial<ParticipantConfig> = {}, id = 0): Node {
    const domainId = config.domainId ?? 0;
    const ports = wellKnownPorts(domainId, id);
    const random = seededRandom(this.nodes.length + 100 * (this.options.seed ?? 1));
    const full: ParticipantConfig = {
      domainId,
      participantId: id,
      guidPrefix: makeGuidPrefix(random),
      random,
      metatrafficUnicastLocators: [udpv4Locator(address, ports.spdpUnicast)],
      defaultUnicastLocators: [udpv4Locator(address, ports.userUnicast)],
      maxDatagramSize: () => 1472,
      ...config,
    };
    const participant = new Participant(full, this.now);
    const listens = new Map<string, 'metatraffic' | 'user'>();
    const c = participant.config;
    for (const l of [...c.metatrafficUnicastLocators, ...c.metatrafficMulticastLocators]) listens.set(locatorToString(l), 'metatraffic');
    for (const l of [...c.defaultUnicastLocators, ...c.defaultMulticastLocators]) listens.set(locatorToString(l), 'user');
    const node: Node = { name, address, participant, events: [], listens, up: true };
    this.nodes.push(node);
    this.pump(node);
    return node;
  }

  partition(a: string, b: string): void {
    this.cut.add(`${a}|${b}`).add(`${b}|${a}`);
  }

  heal(): void {
    this.cut.clear();
  }

  /** Takes a node off the network without letting it say goodbye. */
  crash(node: Node): void {
    node.up = false;
  }

  /** Collects a node's output and events. */
  pump(node: Node): void {
    const p = node.participant;
    for (let e = p.pollEvent(); e !== undefined; e = p.pollEvent()) node.events.push(e);
    for (let t = p.pollTransmit(); t !== undefined; t = p.pollTransmit()) {
      if (!node.up) continue;
      this.largest = Math.max(this.largest, t.bytes.length);
      const key = locatorToString(t.destination);
      const ports = node.participant.config;
      const sourcePort = t.source === 'metatraffic' ? ports.metatrafficUnicastLocators[0]!.port : ports.defaultUnicastLocators[0]!.port;
      const source = udpv4Locator(node.address, sourcePort);
      for (const to of this.nodes) {
        const via = to.listens.get(key);
        if (via === undefined || !to.up) continue;
        if (this.cut.has(`${node.name}|${to.name}`)) continue;
        if (this.loss > 0 && this.random.nextU32() / 2 ** 32 < this.loss) continue;
        this.inFlight.push({ at: this.now + (this.options.latency ?? MS), seq: this.seq++, from: node, to, via, source, bytes: t.bytes });
      }
    }
  }

  /** Runs the network until `until` (virtual nanoseconds). */
  runUntil(until: Nanos): void {
    for (let guard = 0; guard < 1_000_000; guard++) {
      let next = Infinity;
      for (const f of this.inFlight) next = Math.min(next, f.at);
      for (const n of this.nodes) {
        if (!n.up) continue;
        const t = n.participant.pollTimeout();
        if (t !== undefined) next = Math.min(next, t);
      }
      if (next > until) break;
      this.now = Math.max(this.now, next);
      const due = this.inFlight.filter((f) => f.at <= this.now).sort((a, b) => a.at - b.at || a.seq - b.seq);
      this.inFlight = this.inFlight.filter((f) => f.at > this.now);
      for (const f of due) {
        if (!f.to.up) continue;
        this.delivered++;
        f.to.participant.handleDatagram(this.now, f.bytes, f.source, f.via);
        this.pump(f.to);
      }
      for (const n of this.nodes) {
        if (!n.up) continue;
        const t = n.participant.pollTimeout();
        if (t !== undefined && t <= this.now) {
          n.participant.handleTimeout(this.now);
          this.pump(n);
        }
      }
    }
    this.now = Math.max(this.now, until);
  }

  run(duration: Nanos): void {
    this.runUntil(this.now + duration);
  }
}

export function eventsOf<K extends ParticipantEvent['kind']>(n: Node, kind: K): Extract<ParticipantEvent, { kind: K }>[] {
  return n.events.filter((e): e is Extract<ParticipantEvent, { kind: K }> => e.kind === kind);
}
