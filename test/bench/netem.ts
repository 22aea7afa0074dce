// netem benchmarks of issue 4: engine speed, and memory over a long simulated run.
import type { Bench } from 'tinybench';
import { modelOf, runDatapath, scenarioFrom, type RunResult } from '../../netem/index.js';
import type { Target } from './target.js';

/** An iperf3-like flow, pod to pod across 1 Gbit/s through flannel's VXLAN overlay, for `seconds` simulated seconds. */
function overlay1g(seconds: number): ReturnType<typeof scenarioFrom> {
  return scenarioFrom({
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
    traffic: { kind: 'tcp-bulk', duration: `${seconds} s`, omit: '0.1 s' },
    baseline: 'flannel',
    datapaths: [{ name: 'flannel', plugin: 'flannel-vxlan', scope: 'pod', from: 'n1', to: 'n2', unmeasured: 'benchmark' }],
  });
}

function run(seconds: number): RunResult {
  const m = modelOf(overlay1g(seconds));
  return runDatapath(m, m.datapaths[0]!, { seed: 1 });
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const TASK = 'netem: 1 simulated second, 1 Gbit/s TCP through a VXLAN overlay';

export function registerNetemBenchmarks(bench: Bench): Target[] {
  const eventsPerRun = run(1).events; // deterministic: the same count every run
  bench.add(TASK, () => {
    run(1);
  });
  return [
    {
      name: 'netem packet-hop events per second',
      target: '>= 2 000 000',
      measure: (ops) => ops(TASK) * eventsPerRun,
      pass: (v) => v >= 2_000_000,
      unit: '/s',
    },
    {
      name: 'netem wall seconds per simulated second (1 Gbit/s overlay flow)',
      target: '< 1',
      measure: (ops) => 1 / ops(TASK),
      pass: (v) => v < 1,
      unit: ' s',
    },
  ];
}

/**
 * Heap after a 6- and a 60-simulated-second run (after GC when node runs with --expose-gc): flat means the long run
 * holds no more than the short one plus a little slack, i.e. nothing grows with simulated time.
 */
export function netemMemoryTarget(): { target: Target; measured: number } {
  run(6);
  const short = heapAfterGc();
  run(60);
  const long = heapAfterGc();
  const ratio = long / short;
  return {
    measured: ratio,
    target: {
      name: 'netem heap after 60 vs 6 simulated seconds (ratio)',
      target: '<= 1.2 (flat)',
      measure: () => ratio,
      pass: (v) => v <= 1.2,
      unit: '×',
    },
  };
}
