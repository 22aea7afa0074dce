import { Simulator } from '../engine/simulator.js';
import type { TraceSink } from '../engine/trace.js';
import { chainFor, type Chain } from '../datapath/chains.js';
import { resolveParams } from '../datapath/defaults.js';
import { Network, type Endpoint } from '../model/network.js';
import { tappedEndpoint, type PcapSink } from '../pcap-sink.js';
import { TcpBulkFlow, tcpOptionsFor } from '../traffic/tcp-bulk.js';
import { ALL_ON, type DatapathModel, type ModelSwitches, type ParamOverrides, type ScenarioModel } from './model.js';

/** How one datapath run went. */
export interface RunResult {
  readonly name: string;
  /** Goodput over [omit, duration] in bit/s. */
  readonly goodputBps: number;
  readonly podMtu: number;
  readonly mss: number;
  readonly retransmits: number;
  readonly sent: number;
  readonly delivered: number;
  readonly dropped: number;
  /** Engine events fired (packet-hop events and timers). */
  readonly events: number;
}

export interface RunOptions {
  readonly seed: number;
  readonly switches?: ModelSwitches;
  /** Applied on top of the scenario's parameters (fit and sweep use this). */
  readonly overrides?: ParamOverrides;
  /** Forces the TCP MSS (iperf3 -M); otherwise MTU - headers of the smaller pod MTU of both ends. */
  readonly mss?: number;
  /** Scales every link's bandwidth (sweep). */
  readonly bandwidthScale?: number;
  /** Adds this loss probability to every link (sweep). */
  readonly extraLoss?: number;
  readonly trace?: TraceSink;
  /** Receives every packet delivered to the flow's two endpoints (`--pcap`). */
  readonly pcap?: PcapSink;
}

/** Builds the scenario's network with `d` as the flow's datapath, runs one TCP bulk flow and measures goodput. */
export function runDatapath(s: ScenarioModel, d: DatapathModel, o: RunOptions): RunResult {
  const sw = o.switches ?? ALL_ON;
  const params = resolveParams({ ...s.parameters, ...o.overrides });
  const sim = new Simulator(o.seed, o.trace);
  const net = new Network(sim, params, sw.cpu);
  const kinds = new Map<string, 'host' | 'switch'>();
  for (const n of s.nodes) {
    net.addNode(n.name, n.cores, n.backgroundLoad);
    kinds.set(n.name, n.kind);
  }
  // A host's own qdisc throttles its flows (TCP small queues) instead of dropping; switches drop at txqueuelen.
  const q = (node: string): number => (!sw.queue || kinds.get(node) === 'host' ? Infinity : params['linux.txqueuelen']);
  for (const l of s.links)
    net.addLink(
      {
        a: l.a,
        b: l.b,
        bandwidthBps: l.bandwidthBps * (o.bandwidthScale ?? 1),
        delayNs: l.delayNs,
        mtu: l.mtu ?? params['mtu.nic'],
        queuePackets: q(l.a),
        loss: Math.min(1, l.loss + (o.extraLoss ?? 0)),
        jitterNs: sw.queue ? l.jitterNs : 0,
        reorder: sw.queue && l.reorder,
      },
      q(l.b),
    );
  const chainSw = { encap: sw.encap, mtu: sw.mtu };
  const fromChain = chainFor(d.plugin, d.scope, params, chainSw);
  const toChain = chainFor(d.toPlugin, d.scope, params, chainSw);
  const podMtu = Math.min(fromChain.podMtu, toChain.podMtu);
  const base = tcpOptionsFor(params, podMtu, sw.protocol);
  const opts = o.mss === undefined ? base : { ...base, mss: Math.min(o.mss, base.mss) };
  const endpoint = (name: string, node: string, chain: Chain): Endpoint =>
    o.pcap === undefined ? net.addEndpoint(name, node, chain) : tappedEndpoint(net, name, node, chain, o.pcap, opts.mss);
  const from = endpoint(`${d.name}@${d.from}`, d.from, fromChain);
  const to = endpoint(`${d.toPlugin}@${d.to}`, d.to, toChain);
  o.pcap?.tcpFlow(from.name, to.name);
  const flow = new TcpBulkFlow(net, from, to, 1, opts);
  flow.start();
  sim.run(s.traffic.omitNs);
  const before = flow.deliveredBytes;
  sim.run(s.traffic.durationNs);
  const seconds = (s.traffic.durationNs - s.traffic.omitNs) / 1e9;
  return {
    name: d.name,
    goodputBps: ((flow.deliveredBytes - before) * 8) / seconds,
    podMtu,
    mss: opts.mss,
    retransmits: flow.retransmits,
    sent: sim.counters.sent,
    delivered: sim.counters.delivered,
    dropped: sim.counters.dropped,
    events: sim.events,
  };
}
