import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unpackMultiple } from 'msgpackr';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, shortScenarioFile, tempDir } from './run-cli.js';

type Tuple = [number, string, number, string, number];

describe('--trace writes the event log as msgpack', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  // Traces hold every hop of every packet: 40 ms of simulated time is plenty and keeps the files small.
  const scenario = shortScenarioFile(tmp.dir, (t) => t.replace('duration: 0.25 s', 'duration: 0.04 s').replace('omit: 0.05 s', 'omit: 0.01 s'));

  it('simulate: one array of [t, ev, pkt, at, bytes] per datapath run, times in order', async () => {
    const path = join(tmp.dir, 'sim.msgpack');
    const out = await runCli(['simulate', scenario, '--trace', path]);
    expect(out).toContain(`event log: ${path} (2 runs, msgpack)`);
    const runs = unpackMultiple(readFileSync(path)) as Tuple[][];
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(run.length).toBeGreaterThan(1000);
      expect(run[0]![1]).toBe('send');
      expect(run.findIndex((r, i) => i > 0 && r[0] < run[i - 1]![0])).toBe(-1);
      expect([...new Set(run.map((r) => r[1]))].sort()).toEqual(['deliver', 'hop', 'send']);
    }
  }, 120_000);

  it('sweep: one array per (datapath, value) run, listed in the JSON', async () => {
    const path = join(tmp.dir, 'sweep.msgpack');
    const json = JSON.parse(await runCli(['sweep', scenario, '--vary', 'mtu=4000,9000', '--datapath', 'macvlan', '--trace', path, '--json'])) as { traceRuns: string[] };
    expect(json.traceRuns).toEqual(['macvlan mtu=4000', 'macvlan mtu=9000']);
    expect(unpackMultiple(readFileSync(path))).toHaveLength(2);
  }, 120_000);
});
