import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import { CYCLONE_LO_MULTICAST_URI, runInNetns } from '../support/netns.js';
import { skipUnless } from '../support/tools.js';

/**
 * rtps-pod against the real Cyclone DDS 0.10 ddsperf, each pair alone in a private network namespace holding only
 * lo (multicast on): discovery, ping/pong both ways at 12 to 50 000 octets (fragmented on the wire above the
 * fragment size), and reliable pub/sub both ways with loss, duplicate and order checks.
 */
let cli: CliBuild;
/** Scratch directory the namespace scripts write their side files to. */
let work: string;
const env = { CYCLONEDDS_URI: CYCLONE_LO_MULTICAST_URI };
const SIZES = [12, 5000, 25000, 50000];

function rtpsPod(args: string): string {
  return `'${process.execPath}' '${cli.main}' ${args}`;
}

/** Shell: wait until FILE holds a line matching PATTERN (a peer got as far as that), instead of guessing a sleep. */
function waitFor(file: string, pattern: string): string {
  return `until grep -q '${pattern}' ${file} 2>/dev/null; do sleep 0.05; done`;
}

describe.skipIf(skipUnless('ddsperf interop', 'netns', 'ddsperf'))('interoperability with Cyclone DDS ddsperf', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rtps-pod-ddsperf-'));
    cli = await buildCli();
  }, 120_000);
  afterAll(() => {
    cli?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('discovers ddsperf, is discovered by it as a ddsperf peer, and announces its departure on SIGTERM', async () => {
    const r = await runInNetns(
      `ddsperf -D 4 pong > ddsperf.out 2>&1 &
       DDS=$!
       ${rtpsPod('pong --verbose')} > pod.out 2>&1 &
       POD=$!
       ${waitFor('pod.out', 'writer on DDSPerfRPongKS matched')}
       kill -TERM $POD; wait $POD; echo "pod exit $? pid $POD"
       wait $DDS; echo "ddsperf exit $?"
       cat ddsperf.out pod.out; rm -f ddsperf.out pod.out`,
      { timeoutMs: 30_000, env, cwd: work },
    );
    const pid = /pod exit 0 pid (\d+)/.exec(r.stdout)?.[1];
    expect(pid, r.stdout + r.stderr).toBeDefined();
    // ddsperf lists us by the pid in our USER_DATA, and exits 1 if any endpoint it expects of a peer did not match.
    expect(r.stdout).toMatch(new RegExp(`participant [^:]+:${pid}: new`));
    // Gone well before our 10 s lease could expire: the SPDP dispose sent on SIGTERM reached it.
    expect(r.stdout).toMatch(new RegExp(`participant [^:]+:${pid}: gone`));
    expect(r.stdout).toContain('ddsperf exit 0');
    expect(r.stdout).toMatch(/rtps-pod: discovered participant [0-9a-f]{24} \(ddsperf-compatible, pid \d+/);
    expect(r.stdout).toMatch(/rtps-pod: writer on DDSPerfRPongKS matched/);
    expect(r.stdout).toMatch(/rtps-pod: dropped: /);
  });

  it('rtps-pod ping measures against ddsperf pong at 12, 5 000, 25 000 and 50 000 octets, payloads intact', async () => {
    const r = await runInNetns(
      `ddsperf -D 40 pong >/dev/null 2>&1 &
       ${rtpsPod(`ping --size ${SIZES.join(',')} --count 50 --json`)}`,
      { timeoutMs: 50_000, env },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { size: number; round_trips: number; corrupt: number; p50_us: number }[] };
    expect(out.results.map((x) => x.size)).toEqual(SIZES);
    for (const x of out.results) {
      expect(x.round_trips).toBe(50);
      expect(x.corrupt).toBe(0);
      expect(x.p50_us).toBeGreaterThan(0);
    }
  });

  it('ddsperf ping measures against rtps-pod pong at 12, 5 000, 25 000 and 50 000 octets', async () => {
    const pings = SIZES.map((s) => `ddsperf -D 3 ping size ${s}; echo "ddsperf size ${s} exit $?"`).join('\n');
    const r = await runInNetns(
      `${rtpsPod('pong --duration 60 --json --verbose')} > pong.json 2> pong.err &
       POD=$!
       ${waitFor('pong.err', 'rtps-pod: participant')}
       ${pings}
       kill -INT $POD; wait $POD; echo "pod exit $?"; cat pong.json; rm -f pong.json pong.err`,
      { timeoutMs: 50_000, env, cwd: work },
    );
    for (const s of SIZES) {
      expect(r.stdout, r.stdout).toContain(`ddsperf size ${s} exit 0`);
      // ddsperf's latency line for our participant: "... size S mean ...us ... cnt N" with N round trips.
      const m = new RegExp(`size ${s} mean [0-9.]+us .* cnt (\\d+)`).exec(r.stdout);
      expect(m, `no latency line for size ${s}:\n${r.stdout}`).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0);
    }
    expect(r.stdout).toContain('pod exit 0');
    const pong = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { results: { pongs: number; unanswerable: number }[] };
    expect(pong.results[0]!.pongs).toBeGreaterThan(SIZES.length);
  });

  it('ddsperf pub delivers to rtps-pod sub: reliable, no loss, duplicates or reordering', async () => {
    const r = await runInNetns(
      `${rtpsPod('sub --duration 6 --json --verbose')} 2> sub.err &
       POD=$!
       ${waitFor('sub.err', 'rtps-pod: participant')}
       ddsperf -D 4 pub 2kHz size 1k > /dev/null; echo "ddsperf exit $?" >&2
       wait $POD; rm -f sub.err`,
      { timeoutMs: 30_000, env, cwd: work },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ddsperf exit 0');
    const t = (JSON.parse(r.stdout) as { results: Record<string, number>[] }).results[0]!;
    expect(t['samples']).toBeGreaterThan(4000);
    expect(t['size']).toBe(1024);
    expect(t['lost']).toBe(0);
    expect(t['duplicates']).toBe(0);
    expect(t['out_of_order']).toBe(0);
    expect(t['writers']).toBe(1);
  });

  it('rtps-pod pub delivers to ddsperf sub: reliable, every sample, no loss', async () => {
    const r = await runInNetns(
      `ddsperf -D 10 sub > sub.out 2>&1 &
       SUB=$!
       ${rtpsPod('pub --rate 2000 --size 1k --duration 4 --json')}
       wait $SUB; echo "ddsperf exit $?" >&2; cat sub.out >&2; rm -f sub.out`,
      { timeoutMs: 30_000, env, cwd: work },
    );
    expect(r.code, r.stderr).toBe(0);
    const pub = (JSON.parse(r.stdout) as { results: Record<string, number>[] }).results[0]!;
    expect(pub['samples']).toBeGreaterThan(6000);
    expect(pub['matched_readers']).toBe(1);
    // ddsperf's per-second lines carry running totals; the last one has seen everything.
    const totals = [...r.stderr.matchAll(/size (\d+) total (\d+) lost (\d+)/g)];
    expect(totals.length, r.stderr).toBeGreaterThan(0);
    const last = totals[totals.length - 1]!;
    expect(Number(last[1])).toBe(1024);
    expect(Number(last[2])).toBe(pub['samples']);
    expect(totals.every((m) => m[3] === '0')).toBe(true);
    expect(r.stderr).toContain('ddsperf exit 0');
  });
});
