// `npm run bench`: every benchmark in one process, so ratios are measured under the same machine load.
import { Bench } from 'tinybench';
import { registerCodecBenchmarks } from './codec.js';
import { runSideBySideInNetns } from './cyclone.js';
import { netemMemoryTarget, registerNetemBenchmarks } from './netem.js';
import type { Target } from './target.js';

const json = process.argv.includes('--json');
// The side-by-side run against Cyclone DDS takes a few minutes; --quick leaves it out.
const withCyclone = !process.argv.includes('--quick');
const bench = new Bench({ name: 'rtps-pod', time: Number(process.env.BENCH_TIME_MS ?? 1000), warmupTime: 200 });
const targets: Target[] = [...registerCodecBenchmarks(bench), ...registerNetemBenchmarks(bench), netemMemoryTarget().target];

await bench.run();

const median = new Map<string, number>();
const rows = bench.tasks.map((t) => {
  const r = t.result;
  if (r.state !== 'completed') throw new Error(`benchmark '${t.name}' ${r.state}`);
  const opsPerSec = 1000 / r.latency.p50;
  median.set(t.name, opsPerSec);
  return { task: t.name, 'median ops/s': Math.round(opsPerSec), 'median µs': +(r.latency.p50 * 1000).toFixed(3) };
});
const ops = (name: string): number => {
  const v = median.get(name);
  if (v === undefined) throw new Error(`no benchmark named '${name}'`);
  return v;
};
const results = targets.map((t) => {
  const value = t.measure(ops);
  return { target: t.name, wanted: t.target, measured: value, unit: t.unit, pass: t.pass(value) };
});

const SIZES = [5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000];
const cyclone = withCyclone ? runSideBySideInNetns(SIZES, 2) : { skipped: '--quick' };
if (!('skipped' in cyclone)) {
  const worst = Math.max(...cyclone.rtt.map((r) => r.ratio));
  results.push(
    { target: 'rtps-pod p50 RTT vs Cyclone, worst size (ratio)', wanted: '<= 1.25', measured: worst, unit: '×', pass: worst <= 1.25 },
    { target: 'reliable pub -> sub 50 000 B, rtps-pod vs Cyclone Mbit/s (ratio)', wanted: '>= 0.5', measured: cyclone.throughput.ratio, unit: '×', pass: cyclone.throughput.ratio >= 0.5 },
    { target: 'rtps-pod pong peak resident memory during the sweep', wanted: '< 80 MB', measured: cyclone.rtpsPodPongMaxRssMb, unit: ' MB', pass: cyclone.rtpsPodPongMaxRssMb < 80 },
  );
}

if (json) {
  console.log(JSON.stringify({ node: process.version, tasks: rows, cyclone, targets: results }, null, 2));
} else {
  console.log(`node ${process.version}, ${bench.tasks.length} tasks, median of each`);
  console.table(rows);
  if ('skipped' in cyclone) console.log(`side by side with Cyclone DDS: skipped (${cyclone.skipped})`);
  else {
    console.log('side by side with Cyclone DDS on loopback (private netns), p50 RTT per size, alternating:');
    console.table(cyclone.rtt.map((r) => ({ size: r.size, 'Cyclone p50 µs': +r.cycloneP50Us.toFixed(1), 'rtps-pod p50 µs': +r.rtpsPodP50Us.toFixed(1), ratio: +r.ratio.toFixed(2) })));
    const t = cyclone.throughput;
    console.log(`reliable pub -> sub, ${t.size} B samples: Cyclone ${t.cycloneMbps.toFixed(0)} Mbit/s, rtps-pod ${t.rtpsPodMbps.toFixed(0)} Mbit/s`);
  }
  for (const r of results) {
    const v = r.measured >= 100 ? Math.round(r.measured).toLocaleString('en') : r.measured.toFixed(2);
    console.log(`${r.pass ? 'MET  ' : 'SHORT'} ${r.target}: ${v}${r.unit} (target ${r.wanted})`);
  }
}
