import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBuild } from '../support/cli-build.js';

/** The built CLI as a user runs it: bad flags give one line on stderr and exit code 2, before any socket opens. */
let cli: CliBuild;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli.main, ...args], { timeout: 20_000, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rtps-pod command line', () => {
  beforeAll(async () => {
    cli = await buildCli();
  }, 120_000);
  afterAll(() => cli?.remove());

  it.each([
    [['ping', '--size', '5'], /--size must be 0 or between 12/],
    [['ping', '--sweep', '5000:50000'], /--sweep wants start:stop:step/],
    [['ping', '--size', '12', '--sweep', '12:24:12'], /mutually exclusive/],
    [['ping', '--json', '--csv'], /mutually exclusive/],
    [['ping', '--bogus'], /Unknown argument: bogus/],
    [['ping', '--count', '0'], /--count must be a whole number >= 1/],
    [['pong', '--domain', '500'], /--domain must be a whole number from 0 to 232/],
    [['pub', '--rate', 'fast'], /--rate wants samples per second/],
    [['sub', '--peer', 'not-an-ip'], /--peer wants an IP address/],
    [['sub', '--no-multicast'], /--no-multicast needs at least one --peer/],
    [['pong', '--interface', 'no-such-if0'], /no interface or address "no-such-if0"/],
    [['shapes', '-P'], /please specify topic name \[-t\]/],
    [['shapes', '-t', 'Square'], /please specify publish \[-P\] or subscribe \[-S\]/],
    [['shapes', '-P', '-S', '-t', 'Square'], /please specify only one of/],
    [['shapes', '-P', '-t', 'Square', '-D', 'q'], /unrecognized value for durability q/],
    [['shapes', '-S', '-t', 'Square', '-x', '3'], /unrecognized value for data representation 3/],
    [[], /Name a command/],
  ])('rtps-pod %j fails with one line and exit code 2', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^rtps-pod: /);
    expect(lines[0]).toMatch(message);
  });

  it.each(['ping', 'pong', 'pub', 'sub', 'shapes'])('%s --help explains the command with an example', (cmd) => {
    const r = run(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rtps-pod ${cmd}`);
    expect(r.stdout).toMatch(/Examples:\n {2}rtps-pod /);
  });
});
