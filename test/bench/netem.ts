import type { Bench } from 'tinybench';
import { modelOf, runDatapath, scenarioFrom, type RunResult } from '../../netem/index.js';

/** One simulated second of an iperf3-like flow, pod to pod across 1 Gbit/s through flannel's VXLAN overlay. */
const overlay1g = scenarioFrom({
  name: 'bench-overlay-1g',
  description: 'benchmark: one TCP bulk flow through a VXLAN overlay at 1 Gbit/s',
  source: { document: 'none', citation: 'synthetic benchmark' },
  topology: {
    nodes: [{ name: 'n1' }, { name: 'sw', kind: 'switch' }, { name: 'n2' }],
    links: [
      { a: 'n1', b: 'sw', bandwidth: '1 Gbit/s', delay: '50 us' },
      { a: 'sw', b: 'n2', bandwidth: '1 Gbit/s', delay: '1 ms' },
    ],
  },
  traffic: { kind: 'tcp-bulk', duration: '1 s', omit: '0.1 s' },
  baseline: 'flannel',
  datapaths: [{ name: 'flannel', plugin: 'flannel-vxlan', scope: 'pod', from: 'n1', to: 'n2', unmeasured: 'benchmark' }],
});

function runOnce(): RunResult {
  const m = modelOf(overlay1g);
  return runDatapath(m, m.datapaths[0]!, { seed: 1 });
}

/** Measured engine speed: packet-hop events per wall-clock second, and wall seconds per simulated second. */
export function measureNetemEventsPerSecond(): { eventsPerSecond: number; wallSecondsPerSimulatedSecond: number; events: number } {
  runOnce(); // warm up the JIT
  const t0 = performance.now();
  const r = runOnce();
  const wall = (performance.now() - t0) / 1000;
  return { eventsPerSecond: r.events / wall, wallSecondsPerSimulatedSecond: wall / 1, events: r.events };
}

export function registerNetemBenchmarks(bench: Bench): void {
  bench.add('netem: 1 simulated second, 1 Gbit/s TCP through VXLAN overlay', () => {
    runOnce();
  });
}
