// `npm run bench`: every benchmark in one process, so ratios are measured under the same machine load.
import { Bench } from 'tinybench';
import { registerCodecBenchmarks } from './codec.js';
import { netemMemoryTarget, registerNetemBenchmarks } from './netem.js';
import type { Target } from './target.js';

const json = process.argv.includes('--json');
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

if (json) {
  console.log(JSON.stringify({ node: process.version, tasks: rows, targets: results }, null, 2));
} else {
  console.log(`node ${process.version}, ${bench.tasks.length} tasks, median of each`);
  console.table(rows);
  for (const r of results) {
    const v = r.measured >= 100 ? Math.round(r.measured).toLocaleString('en') : r.measured.toFixed(2);
    console.log(`${r.pass ? 'MET  ' : 'SHORT'} ${r.target}: ${v}${r.unit} (target ${r.wanted})`);
  }
}
