import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CYCLONE_LO_MULTICAST_URI, runInNetns } from '../support/netns.js';
import { skipUnless } from '../support/tools.js';

const PROBE = fileURLToPath(new URL('./live/cyclone-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Our Participant over real UDP against Cyclone DDS `ddsperf pong`, both inside a private network namespace
 * holding only lo (no packet leaves the machine). Cyclone must discover us (SPDP), both sides must exchange
 * SEDP reliably, ddsperf must match our ping writer with its reader and our pong reader with its writer, and
 * the ping we write must come back as a pong.
 */
describe.skipIf(skipUnless('live Cyclone participant', 'netns', 'ddsperf'))('Participant vs Cyclone DDS ddsperf (live, private netns)', () => {
  const UNICAST_URI =
    '<General><Interfaces><NetworkInterface name="lo"/></Interfaces><AllowMulticast>false</AllowMulticast></General>' +
    '<Discovery><ParticipantIndex>auto</ParticipantIndex><Peers><Peer address="127.0.0.1"/></Peers></Discovery>';

  for (const [name, uri, unicast] of [
    ['over multicast', CYCLONE_LO_MULTICAST_URI, '0'],
    ['without multicast, through initial peers only', UNICAST_URI, '1'],
  ] as const) {
    it(`${name}: discovers, matches and gets a pong back`, async () => {
      const script = `
        ddsperf -D 40 pong >/dev/null 2>&1 &
        P=$!
        sleep 0.3
        PROBE_UNICAST=${unicast} PROBE_MS=20000 '${ROOT}/node_modules/.bin/vite-node' '${PROBE}'
        kill $P
        wait
      `;
      const r = await runInNetns(script, { timeoutMs: 60_000, cwd: ROOT, env: { CYCLONEDDS_URI: uri } });
      expect(r.timedOut, r.stderr).toBe(false);
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { kind: string; [k: string]: unknown });
      const kinds = lines.map((l) => l.kind);
      expect(kinds, r.stdout + r.stderr).toContain('participant-discovered');
      const topics = lines.filter((l) => l.kind === 'publication-discovered' || l.kind === 'subscription-discovered').map((l) => l.topic);
      expect(topics).toContain('DDSPerfRPingKS');
      expect(kinds).toContain('publication-matched');
      expect(kinds).toContain('subscription-matched');
      expect(kinds).toContain('pong');
      const stats = lines.find((l) => l.kind === 'stats') as { dropped: Record<string, number> } | undefined;
      expect(stats?.dropped.malformed).toBe(0);
    }, 70_000);
  }

  it('refuses to match readers whose RELIABLE or TRANSIENT_LOCAL request ddsperf cannot offer, and says why', async () => {
    const script = `
      ddsperf -D 40 -u pub 10Hz >/dev/null 2>&1 &
      A=$!
      ddsperf -D 40 pub 10Hz >/dev/null 2>&1 &
      B=$!
      sleep 0.3
      PROBE_MODE=incompatible PROBE_MS=6000 '${ROOT}/node_modules/.bin/vite-node' '${PROBE}'
      kill $A $B
      wait
    `;
    const r = await runInNetns(script, { timeoutMs: 60_000, cwd: ROOT, env: { CYCLONEDDS_URI: CYCLONE_LO_MULTICAST_URI } });
    expect(r.timedOut, r.stderr).toBe(false);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { kind: string; topic?: string; policies?: string[] });
    const incompatible = lines.filter((l) => l.kind === 'incompatible-qos');
    const byTopic = (t: string): string[] => incompatible.filter((l) => l.topic === t).flatMap((l) => l.policies ?? []);
    expect(byTopic('DDSPerfUDataKS'), r.stdout).toContain('RELIABILITY');
    expect(byTopic('DDSPerfRDataKS'), r.stdout).toContain('DURABILITY');
    // Discovered, but never matched.
    expect(lines.filter((l) => l.kind === 'publication-discovered').map((l) => l.topic)).toEqual(expect.arrayContaining(['DDSPerfUDataKS', 'DDSPerfRDataKS']));
    expect(lines.filter((l) => l.kind === 'subscription-matched')).toEqual([]);
  }, 70_000);
});
