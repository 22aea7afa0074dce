import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { runCli, shortScenarioFile, tempDir } from './run-cli.js';

/** What `simulate` says about a broken scenario: must be a UsageError of one line naming the key. */
async function errorOf(path: string): Promise<string> {
  try {
    await runCli(['simulate', path]);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const message = (e as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error(`simulate accepted ${path}`);
}

describe('broken scenario files give one-line errors naming the key', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  let n = 0;
  const broken = (edit: (t: string) => string): string => {
    const dir = join(tmp.dir, String(n++));
    mkdirSync(dir);
    return shortScenarioFile(dir, edit);
  };

  const cases: [string, (t: string) => string, RegExp][] = [
    ['a measured value that is not a rate', (t) => t.replace('value: 9.7 Gbit/s', 'value: fast'), /ScenarioError in .*: datapaths\[0\]\.measured\.value: expected a rate/],
    ['an unknown key', (t) => t.replace('baseline: host-device', 'baseline: host-device\nbaseLine: x'), /ScenarioError in .*: baseLine: unknown key/],
    ['a link to an undeclared node', (t) => t.replace('a: sdn-daejeon, b: sdn-busan', 'a: sdn-daejeon, b: sdn-seoul'), /topology\.links\[1\]\.b: not a declared node/],
    ['an unknown parameter', (t) => t.replace('mtu.nic: 9000', 'mtu.nics: 9000'), /parameters\.mtu\.nics: unknown parameter/],
    ['a bad duration', (t) => t.replace('duration: 0.25 s', 'duration: soon'), /traffic\.duration: expected a duration/],
    ['YAML that does not parse', (t) => t.replace('name: cni-10g', 'name: [cni-10g'), /ScenarioError in .*: \(root\): not valid YAML/],
  ];
  for (const [what, edit, expected] of cases)
    it(what, async () => {
      expect(await errorOf(broken(edit))).toMatch(expected);
    });

  it('a missing file or unknown name is a one-line usage error too', async () => {
    expect(await errorOf(join(tmp.dir, 'nope.yaml'))).toMatch(/cannot read .*nope\.yaml: ENOENT/);
    expect(await errorOf('no-such-scenario')).toMatch(/no scenario named "no-such-scenario" \(bundled: cni-10g, cni-1g/);
  });
});
