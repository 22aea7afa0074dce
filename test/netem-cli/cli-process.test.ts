import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import { shortScenarioFile, tempDir } from './run-cli.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI as a user runs it, stdout and stderr being pipes. */
async function rtpsPod(cli: CliBuild, args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli.main, ...args], { timeout: 120_000, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the netem commands as a process', () => {
  let cli: CliBuild;
  const tmp = tempDir();
  beforeAll(async () => {
    cli = await buildCli();
  }, 300_000);
  afterAll(() => {
    cli?.remove();
    tmp.remove();
  });

  it('a broken scenario file: exit code 2 and one line on stderr naming the key', async () => {
    const dir = join(tmp.dir, 'broken');
    mkdirSync(dir);
    const path = shortScenarioFile(dir, (t) => t.replace('value: 9.88 Gbit/s', 'value: 9.88 furlongs'));
    const r = await rtpsPod(cli, ['simulate', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^rtps-pod: ScenarioError in .*: datapaths\[1\]\.measured\.value: expected a rate/)]);
  });

  it('a bad --vary: exit code 2, one line', async () => {
    const r = await rtpsPod(cli, ['sweep', 'cni-10g', '--vary', 'mtu=9000:1500:100']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^rtps-pod: --vary mtu: stop 1500 is below start 9000/)]);
  });

  it('on a pipe stderr stays empty (no progress bar) and stdout is the table', async () => {
    const dir = join(tmp.dir, 'ok');
    mkdirSync(dir);
    const r = await rtpsPod(cli, ['simulate', shortScenarioFile(dir), '--csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('datapath,plugin,pod_mtu,mss,measured_mbps,simulated_mbps,error_pct,retransmits');
  });

  it('every command explains itself with a real example', async () => {
    for (const [command, example] of [
      ['simulate', 'simulate cni-1g'],
      ['explain', 'explain cni-10g --svg waterfall.svg'],
      ['sweep', 'sweep cni-1g --vary bandwidth=100M:10G:x10'],
      ['fit', 'fit cni-1g'],
      ['reproduce', 'reproduce --scenario cni-10g'],
    ] as const) {
      const r = await rtpsPod(cli, [command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain('Examples:');
      expect(r.stdout, command).toContain(example);
      expect(r.stdout, command).toContain('--json');
    }
  });
});
