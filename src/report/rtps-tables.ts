import type { FindingCheck, RtpsResult, RtpsRow } from '../../netem/rtps/index.js';
import type { Table } from './netem-tables.js';

const us = (ns: number): number => Math.round(ns / 10) / 100;

/** simulate (RTPS): per cluster and sample size, the round-trip times and the packet rate on the ping node. */
export function rtpsRowsTable(rows: readonly RtpsRow[]): Table {
  return {
    columns: ['cluster', 'plugin', 'pod MTU', 'size', 'round trips', 'RTT p50 us', 'RTT p90 us', 'pkts/50ms', 'frames/RT', 'timeouts'],
    text: rows.map((r) => ({
      cluster: r.variant ?? r.cluster,
      plugin: r.plugin,
      'pod MTU': r.podMtu,
      size: r.size,
      'round trips': r.roundTrips,
      'RTT p50 us': us(r.rttP50Ns).toFixed(2),
      'RTT p90 us': us(r.rttP90Ns).toFixed(2),
      'pkts/50ms': r.packetsPerWindow.toFixed(1),
      'frames/RT': r.framesPerRoundTrip.toFixed(2),
      timeouts: r.timeouts,
    })),
    csvColumns: ['cluster', 'variant', 'plugin', 'pod_mtu', 'size', 'round_trips', 'rtt_p50_us', 'rtt_p90_us', 'rtt_mean_us', 'packets_per_window', 'window_ms', 'frames_per_round_trip', 'timeouts'],
    csv: rows.map((r) => ({
      cluster: r.cluster,
      variant: r.variant ?? undefined,
      plugin: r.plugin,
      pod_mtu: r.podMtu,
      size: r.size,
      round_trips: r.roundTrips,
      rtt_p50_us: us(r.rttP50Ns),
      rtt_p90_us: us(r.rttP90Ns),
      rtt_mean_us: us(r.rttMeanNs),
      packets_per_window: Number(r.packetsPerWindow.toFixed(3)),
      window_ms: r.windowNs / 1e6,
      frames_per_round_trip: Number(r.framesPerRoundTrip.toFixed(3)),
      timeouts: r.timeouts,
    })),
  };
}

const verdict = (f: FindingCheck): string =>
  f.holds === null ? 'not comparable' : `${f.holds ? 'holds' : 'does not hold'} (${f.holdsAt}/${f.of} sizes)${f.kind === 'input' ? ' by construction' : ''}`;

/** The published findings (the scenario's "measured" facts) next to what the simulation says. */
export function findingsTable(findings: readonly FindingCheck[]): Table {
  return {
    columns: ['finding', 'published', 'simulated'],
    text: findings.map((f) => ({ finding: f.id, published: `${f.cluster} ${f.expect} ${f.metric}`, simulated: verdict(f) })),
    csvColumns: ['finding', 'metric', 'expect', 'cluster', 'kind', 'holds', 'holds_at', 'of'],
    csv: findings.map((f) => ({ finding: f.id, metric: f.metric, expect: f.expect, cluster: f.cluster, kind: f.kind, holds: f.holds ?? undefined, holds_at: f.holdsAt, of: f.of })),
  };
}

/** Counterfactuals: which findings would hold with each variant in place of its cluster. */
export function counterfactualLines(r: RtpsResult): string[] {
  return r.counterfactuals.map(
    (c) => `  ${c.name} (${c.cluster}: ${c.reason}): ${c.findings.filter((f) => f.kind === 'output').map((f) => `${f.id} ${verdict(f)}`).join('; ')}`,
  );
}
