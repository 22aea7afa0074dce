import type { Simulator } from '../engine/simulator.js';
import type { Chain, HopKind } from '../datapath/chains.js';
import { ethWireOverhead, type Params } from '../datapath/defaults.js';
import { CpuStage, type HopCost } from './cpu-stage.js';
import { LinkDirection, type LinkSpec } from './link.js';
import { SimNode } from './node.js';
import { Packet, type PacketKind } from './packet.js';
import type { Stage } from './stage.js';

/** A pod or host socket address: where packets of a flow are delivered. */
export class Endpoint {
  private readonly handlers = new Map<number, (p: Packet) => void>();
  constructor(
    readonly name: string,
    readonly node: SimNode,
    readonly chain: Chain,
  ) {}
  /** Receives the packets of `flow` that reach this endpoint. */
  listen(flow: number, fn: (p: Packet) => void): void {
    this.handlers.set(flow, fn);
  }
  deliver(p: Packet): void {
    this.handlers.get(p.flow)?.(p);
  }
}

class DeliverStage implements Stage {
  readonly label: string;
  constructor(
    private readonly sim: Simulator,
    private readonly to: Endpoint,
  ) {
    this.label = 'deliver ' + to.name;
  }
  arrive(p: Packet): void {
    this.sim.counters.delivered++;
    this.sim.record('deliver', p.id, this.label, p.size);
    this.to.deliver(p);
  }
}

interface Adjacent {
  readonly node: string;
  readonly dir: LinkDirection;
}

/**
 * Nodes, links and endpoints, and the paths between endpoints: the sender's tx hops on its node, the links of the
 * shortest route (breadth-first, neighbours in insertion order: deterministic), the receiver's rx hops, delivery.
 * A flow's transmit hops run on core `flow`, its receive hops on core `flow + 1` of each node (see `path`).
 * `cpu: false` zeroes the cost of every hop except the socket's own stack (explain's CPU counterfactual).
 */
export class Network {
  private readonly nodes = new Map<string, SimNode>();
  private readonly adj = new Map<string, Adjacent[]>();
  private readonly paths = new Map<string, Stage[]>();
  readonly links: LinkDirection[] = [];

  constructor(
    readonly sim: Simulator,
    readonly params: Params,
    private readonly cpu = true,
  ) {}

  addNode(name: string, cores = this.params['node.cores'], backgroundLoad = this.params['node.backgroundLoad']): SimNode {
    const n = new SimNode(name, cores, backgroundLoad);
    this.nodes.set(name, n);
    this.adj.set(name, []);
    return n;
  }

  node(name: string): SimNode {
    const n = this.nodes.get(name);
    if (n === undefined) throw new Error(`netem: unknown node ${name}`);
    return n;
  }

  addLink(spec: LinkSpec, reverseQueuePackets = spec.queuePackets): void {
    this.node(spec.a);
    this.node(spec.b);
    const framing = ethWireOverhead(this.params);
    const ab = new LinkDirection(this.sim, `link ${spec.a}->${spec.b}`, spec, framing);
    const ba = new LinkDirection(this.sim, `link ${spec.b}->${spec.a}`, { ...spec, a: spec.b, b: spec.a, queuePackets: reverseQueuePackets }, framing);
    this.links.push(ab, ba);
    this.adj.get(spec.a)!.push({ node: spec.b, dir: ab });
    this.adj.get(spec.b)!.push({ node: spec.a, dir: ba });
  }

  addEndpoint(name: string, node: string, chain: Chain): Endpoint {
    return new Endpoint(name, this.node(node), chain);
  }

  private hopCost(kind: HopKind): HopCost {
    if (!this.cpu && kind !== 'stack') return { perPacketNs: 0, perByteNs: 0 };
    const p = this.params;
    return { perPacketNs: p[`cpu.${kind}.perPacketNs`], perByteNs: p[`cpu.${kind}.perByteNs`] };
  }

  private route(from: string, to: string): LinkDirection[] {
    const prev = new Map<string, Adjacent & { from: string }>();
    const seen = new Set([from]);
    let frontier = [from];
    while (frontier.length > 0 && !seen.has(to)) {
      const next: string[] = [];
      for (const n of frontier)
        for (const a of this.adj.get(n)!)
          if (!seen.has(a.node)) {
            seen.add(a.node);
            prev.set(a.node, { ...a, from: n });
            next.push(a.node);
          }
      frontier = next;
    }
    if (!seen.has(to)) throw new Error(`netem: no route from ${from} to ${to}`);
    const out: LinkDirection[] = [];
    for (let n = to; n !== from; ) {
      const step = prev.get(n)!;
      out.push(step.dir);
      n = step.from;
    }
    return out.reverse();
  }

  /** The stages a packet of `flow` crosses from `from` to `to` (cached). */
  path(from: Endpoint, to: Endpoint, flow: number): readonly Stage[] {
    const key = `${from.name}>${to.name}#${flow}`;
    const cached = this.paths.get(key);
    if (cached !== undefined) return cached;
    const sim = this.sim;
    const stages: Stage[] = [];
    const txCore = from.node.coreFor(flow);
    for (const hop of from.chain.tx)
      stages.push(new CpuStage(sim, `${from.name}/${hop.kind}`, txCore, this.hopCost(hop.kind), from.node.loadFactor, hop.encap, Infinity));
    if (from.node !== to.node) stages.push(...this.route(from.node.name, to.node.name));
    // Receive processing runs where RSS steers the flow's packets: another core than the sending application's, so a
    // sender's ACK processing never queues behind its own transmit work (and a receiver's data behind its ACKs).
    const rxCore = to.node.coreFor(flow + 1);
    const backlog = this.params['linux.netdevMaxBacklog'];
    // The backlog limit (netdev_max_backlog) applies where packets enter the node's receive processing: the first hop.
    to.chain.rx.forEach((hop, i) =>
      stages.push(new CpuStage(sim, `${to.name}/${hop.kind}`, rxCore, this.hopCost(hop.kind), to.node.loadFactor, hop.encap, i === 0 ? backlog : Infinity)),
    );
    stages.push(new DeliverStage(sim, to));
    this.paths.set(key, stages);
    return stages;
  }

  /** Injects a packet of `l3Bytes` from `from` to `to` now; returns it (already scheduled). */
  send(from: Endpoint, to: Endpoint, flow: number, kind: PacketKind, l3Bytes: number, payload: number): Packet {
    return this.sendAlong(this.path(from, to, flow), flow, kind, l3Bytes, payload);
  }

  /** `send` along a path obtained from `path()` once: the per-packet fast path of traffic generators. */
  sendAlong(path: readonly Stage[], flow: number, kind: PacketKind, l3Bytes: number, payload: number): Packet {
    const sim = this.sim;
    const p = new Packet(sim, sim.allocatePacketId(), flow, kind, l3Bytes, payload, path, sim.now);
    sim.counters.sent++;
    if (sim.tracing) sim.record('send', p.id, path[0]!.label, l3Bytes);
    sim.at(sim.now, p);
    return p;
  }
}
