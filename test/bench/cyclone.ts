// Side by side with Cyclone DDS (issue 3): ping/pong RTT per sample size, reliable pub -> sub throughput, and
// rtps-pod pong's resident memory. Runs inside a private network namespace holding only `lo` (network safety:
// nothing here can reach a real interface). The two implementations use different DDS domains so that neither
// answers the other's pings, and the pings alternate per size so both see the same machine load.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const CYCLONE_URI =
  '<General><Interfaces><NetworkInterface name="lo" multicast="true"/></Interfaces><AllowMulticast>true</AllowMulticast></General>';
const OURS_DOMAIN = '1';

export interface SideBySideRow {
  readonly size: number;
  readonly cycloneP50Us: number;
  readonly rtpsPodP50Us: number;
  readonly ratio: number;
}

export interface SideBySideResult {
  readonly rtt: readonly SideBySideRow[];
  readonly throughput: { readonly size: number; readonly cycloneMbps: number; readonly rtpsPodMbps: number; readonly ratio: number };
  readonly rtpsPodPongMaxRssMb: number;
}

function run(cmd: string, args: string[], seconds: number): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: (seconds + 20) * 1000, env: { ...process.env, CYCLONEDDS_URI: CYCLONE_URI } });
  if (r.error) throw r.error;
  return `${r.stdout}\n${r.stderr}`;
}

function background(cmd: string, args: string[]): ChildProcess {
  return spawn(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, CYCLONEDDS_URI: CYCLONE_URI } });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}

/** ddsperf ping prints one line per second per pong peer: "... size S mean ..us min ..us 50% Xus ...". */
function cycloneP50(size: number, seconds: number): number {
  const out = run('ddsperf', ['-D', String(seconds + 1), 'ping', 'size', String(size)], seconds + 1);
  const p50s = [...out.matchAll(new RegExp(`size ${size} mean [0-9.]+us min [0-9.]+us 50% ([0-9.]+)us`, 'g'))].map((m) => Number(m[1]));
  // The first second includes discovery and warm-up.
  return median(p50s.length > 1 ? p50s.slice(1) : p50s);
}

function rtpsPodP50(size: number, seconds: number): number {
  const out = run('node', [CLI, 'ping', '-i', 'lo', '-d', OURS_DOMAIN, '--size', String(size), '--duration', String(seconds), '--json'], seconds);
  const doc = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { results: { size: number; p50_us: number }[] };
  return doc.results.find((r) => r.size === size)?.p50_us ?? NaN;
}

/** ddsperf sub prints "... rate X kS/s Y Mb/s (...)" each second; the median of the busy seconds. */
function cycloneMbps(size: number, seconds: number): number {
  const sub = spawnSync('bash', ['-c', `ddsperf -D ${seconds + 2} sub & sleep 0.5; ddsperf -D ${seconds} pub size ${size} >/dev/null 2>&1; wait`], {
    encoding: 'utf8',
    timeout: (seconds + 25) * 1000,
    env: { ...process.env, CYCLONEDDS_URI: CYCLONE_URI },
  });
  const rates = [...sub.stdout.matchAll(/rate [0-9.]+ kS\/s ([0-9.]+) Mb\/s/g)].map((m) => Number(m[1])).filter((r) => r > 0);
  return median(rates);
}

function rtpsPodMbps(size: number, seconds: number): number {
  const script = `node ${CLI} sub -i lo -d ${OURS_DOMAIN} -D ${seconds + 3} --json & sleep 0.5; node ${CLI} pub -i lo -d ${OURS_DOMAIN} --size ${size} -D ${seconds} >/dev/null 2>&1; wait`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: (seconds + 25) * 1000 });
  const doc = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1)) as { intervals: { mbit_per_s: number }[] };
  return median(doc.intervals.map((i) => i.mbit_per_s).filter((r) => r > 0));
}

function maxRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Must run inside a private network namespace (see runSideBySideInNetns). */
export function sideBySide(sizes: readonly number[], seconds: number): SideBySideResult {
  const cyclonePong = background('ddsperf', ['pong']);
  const ourPong = background('node', [CLI, 'pong', '-i', 'lo', '-d', OURS_DOMAIN]);
  try {
    spawnSync('sleep', ['1']);
    const rtt = sizes.map((size, i) => {
      // Alternate which implementation goes first, so drift in machine load does not favour one.
      let c: number;
      let o: number;
      if (i % 2 === 0) {
        c = cycloneP50(size, seconds);
        o = rtpsPodP50(size, seconds);
      } else {
        o = rtpsPodP50(size, seconds);
        c = cycloneP50(size, seconds);
      }
      return { size, cycloneP50Us: c, rtpsPodP50Us: o, ratio: o / c };
    });
    const pongRss = ourPong.pid === undefined ? NaN : maxRssMb(ourPong.pid);
    const size = 50_000;
    const cy = cycloneMbps(size, seconds);
    const ours = rtpsPodMbps(size, seconds);
    return { rtt, throughput: { size, cycloneMbps: cy, rtpsPodMbps: ours, ratio: ours / cy }, rtpsPodPongMaxRssMb: pongRss };
  } finally {
    cyclonePong.kill('SIGKILL');
    ourPong.kill('SIGKILL');
  }
}

/** Re-runs this module inside `unshare -n` with lo up and multicast on, and returns its JSON result. */
export function runSideBySideInNetns(sizes: readonly number[], seconds: number): SideBySideResult | { skipped: string } {
  if (process.getuid?.() !== 0) return { skipped: 'needs root for a private network namespace' };
  if (spawnSync('ddsperf', ['-h']).error) return { skipped: 'ddsperf not installed (apt-get install cyclonedds-tools)' };
  const self = fileURLToPath(import.meta.url);
  const prelude = 'ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo';
  const r = spawnSync('unshare', ['-n', 'bash', '-c', `${prelude} && exec node ${self} ${sizes.join(',')} ${seconds}`], {
    encoding: 'utf8',
    timeout: (sizes.length * 2 * (seconds + 8) + 120) * 1000,
  });
  if (r.status !== 0) throw new Error(`side-by-side run failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as SideBySideResult;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = (process.argv[2] ?? '5000').split(',').map(Number);
  const seconds = Number(process.argv[3] ?? 2);
  process.stdout.write(JSON.stringify(sideBySide(sizes, seconds)));
}
