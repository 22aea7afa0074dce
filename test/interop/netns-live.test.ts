import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCapture } from '../support/capture-check.js';
import { CYCLONE_LO_MULTICAST_URI, runInNetns } from '../support/netns.js';
import { skipUnless } from '../support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'rtps-pod-netns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * True once `pid` is no longer running. A killed orphan is reparented to PID 1, which in some containers never
 * reaps it, so a zombie (state Z in /proc/PID/stat) counts as gone.
 */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return true;
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe.skipIf(skipUnless('netns', 'netns', 'ip'))('private network namespace', () => {
  it('holds only lo, up and multicast-capable, with a multicast route', async () => {
    const r = await runInNetns('ip -o link show; ip route show table all type multicast; ip route show', { timeoutMs: 10_000 });
    expect(r.code).toBe(0);
    const links = r.stdout.split('\n').filter((l) => /^\d+: /.test(l));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^1: lo: <LOOPBACK,MULTICAST,UP,LOWER_UP>/);
    expect(r.stdout).toMatch(/224\.0\.0\.0\/4 dev lo/);
  });

  it('kills the whole process group on timeout, background children included', async () => {
    const r = await runInNetns('sleep 30 & echo $!; wait', { timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    const child = Number(r.stdout.trim());
    expect(child).toBeGreaterThan(0);
    expect(await gone(child)).toBe(true);
  });

  it('kills background children left behind when the script exits, even ones holding its output open', async () => {
    const r = await runInNetns('sleep 30 & echo $!', { timeoutMs: 10_000 });
    expect(r.timedOut).toBe(false);
    expect(await gone(Number(r.stdout.trim()))).toBe(true);
  });
});

describe.skipIf(skipUnless('live Cyclone capture', 'netns', 'ddsperf', 'tshark'))('fresh Cyclone DDS traffic in a private namespace', () => {
  it('decodes, re-encodes and agrees with tshark on a new ping/pong capture (fragmented samples)', async () => {
    const pcap = join(dir, 'live.pcap');
    // Same setup as test/fixtures/capture-cyclone.sh, shorter: discovery plus ~8 fragmented round trips.
    const script = `
      tshark -i lo -f udp -F pcap -w '${pcap}' -q 2>'${dir}/tshark.err' &
      T=$!
      for i in $(seq 100); do grep -q 'Capturing on' '${dir}/tshark.err' && break; sleep 0.1; done
      sleep 0.3
      ddsperf -D 3 pong >/dev/null 2>&1 &
      P=$!
      sleep 0.3
      ddsperf -D 2 ping 4Hz size 20000 >/dev/null 2>&1
      wait $P
      sleep 0.3
      kill -INT $T
      wait $T
    `;
    const r = await runInNetns(script, { timeoutMs: 30_000, env: { CYCLONEDDS_URI: CYCLONE_LO_MULTICAST_URI } });
    expect(r.timedOut, r.stderr).toBe(false);
    const report = checkCapture(pcap);
    expect(report.messages.length).toBeGreaterThan(20);
    expect(report.kinds['DATA_FRAG'] ?? 0).toBeGreaterThan(0);
    expect(report.undecodable).toEqual([]);
    expect(report.nonCanonical).toEqual([]);
    expect(report.tsharkProblems).toEqual([]);
    expect(report.frameMismatches).toEqual([]);
    expect(report.mismatches).toEqual([]);
  });
});
