import { resolveParams } from '../datapath/defaults.js';
import type { TraceRecord, TraceSink } from '../engine/trace.js';
import type { UdpDatagramInput } from '../pcap/udp-frame.js';
import type { ClusterDecl, CounterfactualDecl, RtpsScenario } from '../scenario/rtps-types.js';
import { hostCosts, resolveRtpsParams, sampleCosts } from './defaults.js';
import { checkFindings, type FindingCheck } from './findings.js';
import { countBetween, extent, mean, percentile, windowCounts } from './metrics.js';
import { PingPong } from './pingpong.js';
import { Testbed } from './testbed.js';

/** One row: a cluster (or a counterfactual variant of it) at one sample size. */
export interface RtpsRow {
  readonly cluster: string;
  /** Counterfactual name, null for the scenario's own cluster. */
  readonly variant: string | null;
  readonly distribution: string;
  readonly plugin: string;
  readonly podMtu: number;
  /** Largest DDS datagram (octets): pod MTU - 28 unless the scenario or options say otherwise. */
  readonly maxDatagram: number;
  /** Serialized KeyedSeq octets. */
  readonly size: number;
  readonly roundTrips: number;
  readonly timeouts: number;
  readonly rttP50Ns: number;
  readonly rttP90Ns: number;
  readonly rttMeanNs: number;
  readonly rttMinNs: number;
  readonly rttMaxNs: number;
  /** Mean frames per window on the capture node's NIC, both directions (Wireshark I/O graph). */
  readonly packetsPerWindow: number;
  readonly packetsPerWindowMax: number;
  readonly windowNs: number;
  /** Frames on the capture NIC per measured round trip (fragments both ways, heartbeats, acknacks...). */
  readonly framesPerRoundTrip: number;
}

/** How a cluster's run went besides its rows. */
export interface RtpsClusterRun {
  readonly cluster: string;
  readonly variant: string | null;
  readonly podMtu: number;
  /** Virtual time until every ping-pong endpoint matched (ns), null when discovery did not complete. */
  readonly matchedAtNs: number | null;
  readonly events: number;
  readonly datagramsSent: number;
  readonly datagramsDropped: number;
}

export interface CounterfactualResult {
  readonly name: string;
  readonly reason: string;
  readonly cluster: string;
  readonly rows: readonly RtpsRow[];
  /** Every finding re-checked with this variant in place of its cluster. */
  readonly findings: readonly FindingCheck[];
}

export interface RtpsResult {
  readonly scenario: string;
  readonly rows: readonly RtpsRow[];
  readonly runs: readonly RtpsClusterRun[];
  readonly findings: readonly FindingCheck[];
  readonly counterfactuals: readonly CounterfactualResult[];
}

export interface RtpsProgress {
  readonly cluster: string;
  readonly variant: string | null;
  readonly size: number;
  /** Sizes done so far of this cluster run, and how many it has. */
  readonly done: number;
  readonly of: number;
  readonly rttP50Ns: number;
}

export interface SimulateRtpsOptions {
  readonly seed: number;
  /** Overrides traffic.sizes. */
  readonly sizes?: readonly number[];
  /** Overrides traffic.duration (virtual ns per size). */
  readonly durationNs?: number;
  /** Overrides traffic.warmup. */
  readonly warmup?: number;
  /** Overrides traffic.maxDatagram: the DDS datagram limit in octets (default: pod MTU - 28, no IP fragmentation). */
  readonly maxDatagram?: number;
  /** Only these clusters (and counterfactuals of them). */
  readonly clusters?: readonly string[];
  /** Run the scenario's counterfactuals (default true). */
  readonly counterfactuals?: boolean;
  readonly onProgress?: (p: RtpsProgress) => void;
  /** Engine trace of every run (packets and timers). */
  readonly trace?: TraceSink;
  /** Every datagram a pod sends in the scenario's own runs: real RTPS bytes, virtual time, pod addresses. */
  readonly pcapSink?: (d: UdpDatagramInput, cluster: string) => void;
}

const DISCOVERY_LIMIT_NS = 30e9;
const STEP_NS = 10e6;

/** A cluster with a counterfactual applied. */
function variantOf(c: ClusterDecl, cf: CounterfactualDecl): ClusterDecl {
  return {
    ...c,
    plugin: cf.plugin ?? c.plugin,
    backgroundLoad: cf.backgroundLoad ?? c.backgroundLoad,
    parameters: { ...c.parameters, ...cf.parameters },
  };
}

interface ClusterRunResult {
  readonly rows: RtpsRow[];
  readonly run: RtpsClusterRun;
}

function runCluster(s: RtpsScenario, c: ClusterDecl, variant: string | null, o: SimulateRtpsOptions): ClusterRunResult {
  const t = s.traffic;
  const sizes = o.sizes ?? t.sizes;
  const durationNs = o.durationNs ?? t.durationNs;
  const warmup = o.warmup ?? t.warmup;
  const maxDatagram = o.maxDatagram ?? t.maxDatagram;
  const params = resolveParams({ ...s.parameters, ...c.parameters });
  const rtps = resolveRtpsParams(s.rtpsParameters);
  const labels = new Set<string>();
  for (const l of s.links)
    if (l.a === t.captureNode || l.b === t.captureNode) {
      labels.add(`link ${l.a}->${l.b}`);
      labels.add(`link ${l.b}->${l.a}`);
    }
  const frames: number[] = [];
  const user = o.trace;
  const trace = (r: TraceRecord): void => {
    if (r.ev === 'hop' && labels.has(r.at)) frames.push(r.t);
    user?.(r);
  };
  const pcap = o.pcapSink;
  const tb = new Testbed({
    seed: o.seed,
    params,
    nodes: s.nodes.map((n) => ({ ...n, backgroundLoad: c.backgroundLoad[n.name] ?? n.backgroundLoad })),
    links: s.links,
    pods: [
      { name: `${c.name}-ping`, node: c.ping.node, plugin: c.plugin, ip: c.ping.ip },
      { name: `${c.name}-pong`, node: c.pong.node, plugin: c.plugin, ip: c.pong.ip },
    ],
    costs: hostCosts(rtps),
    ...(maxDatagram === undefined ? {} : { participant: { maxDatagramSize: () => maxDatagram } }),
    trace,
    capture: variant === null && pcap !== undefined ? (d) => pcap(d, c.name) : undefined,
  });
  const ping = tb.pod(`${c.name}-ping`);
  const pong = tb.pod(`${c.name}-pong`);
  let done = 0;
  const pp = new PingPong(ping, pong, {
    sizes,
    reliable: t.reliable,
    warmup,
    durationNs,
    timeoutNs: t.timeoutNs,
    costs: sampleCosts(rtps),
    onSize: (m) => o.onProgress?.({ cluster: c.name, variant, size: m.size, done: ++done, of: sizes.length, rttP50Ns: percentile(m.rttsNs, 0.5) }),
  });
  const sim = tb.sim;
  while (!pp.matched && sim.now < DISCOVERY_LIMIT_NS) sim.run(sim.now + STEP_NS);
  const matchedAtNs = pp.matched ? sim.now : null;
  if (pp.matched) {
    pp.start();
    const limit = sim.now + sizes.length * (durationNs + (warmup + 10) * t.timeoutNs);
    while (!pp.done && sim.now < limit) sim.run(sim.now + 100 * STEP_NS);
  }
  const rows = pp.results.map((m): RtpsRow => {
    const w = windowCounts(frames, m.startNs, m.endNs, t.windowNs);
    const framesIn = countBetween(frames, m.startNs, m.endNs);
    return {
      cluster: c.name,
      variant,
      distribution: c.distribution,
      plugin: c.plugin,
      podMtu: ping.podMtu,
      maxDatagram: maxDatagram ?? ping.podMtu - 28,
      size: m.size,
      roundTrips: m.rttsNs.length,
      timeouts: m.timeouts,
      rttP50Ns: percentile(m.rttsNs, 0.5),
      rttP90Ns: percentile(m.rttsNs, 0.9),
      rttMeanNs: mean(m.rttsNs),
      rttMinNs: extent(m.rttsNs).min,
      rttMaxNs: extent(m.rttsNs).max,
      packetsPerWindow: w.mean,
      packetsPerWindowMax: w.max,
      windowNs: t.windowNs,
      framesPerRoundTrip: m.rttsNs.length === 0 ? NaN : framesIn / m.rttsNs.length,
    };
  });
  const stats = [ping.host.stats, pong.host.stats];
  return {
    rows,
    run: {
      cluster: c.name,
      variant,
      podMtu: ping.podMtu,
      matchedAtNs,
      events: sim.events,
      datagramsSent: stats.reduce((a, h) => a + h.sent, 0),
      datagramsDropped: sim.counters.dropped,
    },
  };
}

/**
 * Runs the REAL rtps/ participant in every cluster of an RTPS scenario: ddsperf-style ping-pong between pods on
 * two workers over the cluster's modelled datapath, every sample size, in virtual time. Findings are checked
 * against what comes out; the scenario's findings never feed the runs. Counterfactual variants are run and
 * re-checked so the output says which assumption a finding that does not hold would need.
 */
export function simulateRtps(s: RtpsScenario, o: SimulateRtpsOptions): RtpsResult {
  const wanted = (name: string): boolean => o.clusters === undefined || o.clusters.includes(name);
  const clusters = s.clusters.filter((c) => wanted(c.name));
  const base = clusters.map((c) => runCluster(s, c, null, o));
  const rows = base.flatMap((r) => r.rows);
  const findings = checkFindings(s, rows);
  const counterfactuals =
    o.counterfactuals === false
      ? []
      : s.counterfactuals
          .filter((cf) => wanted(cf.cluster))
          .map((cf): CounterfactualResult => {
            const c = s.clusters.find((x) => x.name === cf.cluster)!;
            const r = runCluster(s, variantOf(c, cf), cf.name, o);
            const swapped = [...rows.filter((x) => x.cluster !== cf.cluster), ...r.rows];
            const variantScenario = { ...s, clusters: s.clusters.map((x) => (x === c ? variantOf(c, cf) : x)) };
            return { name: cf.name, reason: cf.reason, cluster: cf.cluster, rows: r.rows, findings: checkFindings(variantScenario, swapped) };
          });
  return { scenario: s.name, rows, runs: base.map((r) => r.run), findings, counterfactuals };
}
