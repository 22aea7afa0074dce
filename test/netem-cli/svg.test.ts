import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/tools.js';
import { runCli, shortScenarioFile, tempDir } from './run-cli.js';
import { xmlProblem } from './xml.js';

/** aria-labels of the measured markers in an SVG written by the report. */
const measuredLabels = (svg: string): string[] => [...svg.matchAll(/aria-label="(measured [^"]*)"/g)].map((m) => m[1]!);

describe('report SVGs are well-formed and mark the measured values', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const scenario = shortScenarioFile(tmp.dir);
  const files: Record<string, string> = {};

  beforeAll(async () => {
    files['goodput'] = join(tmp.dir, 'goodput.svg');
    files['sweep'] = join(tmp.dir, 'sweep.svg');
    await runCli(['simulate', scenario, '--svg', files['goodput']!]);
    await runCli(['sweep', scenario, '--vary', 'mtu=4000,9000', '--svg', files['sweep']!]);
  }, 180_000);

  it('the xml checker rejects what it should', () => {
    expect(xmlProblem('<svg><g></svg>')).toBeDefined();
    expect(xmlProblem('<svg a="1" a="2"/>')).toBeDefined();
    expect(xmlProblem('<svg>a & b</svg>')).toBeDefined();
    expect(xmlProblem('<svg/><svg/>')).toBeDefined();
    expect(xmlProblem('<svg><text x="1">a &amp; b</text></svg>')).toBeUndefined();
  });

  it('goodput bars: well-formed, one measured marker per measured datapath with its value', () => {
    const svg = readFileSync(files['goodput']!, 'utf8');
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(measuredLabels(svg)).toEqual([
      expect.stringMatching(/^measured macvlan: 9700\.0 Mbit\/s/),
      expect.stringMatching(/^measured host-device: 9880\.0 Mbit\/s/),
    ]);
    expect(svg).toContain('measured_marks');
  });

  it('sweep lines: well-formed, measured values marked at the scenario setting', () => {
    const svg = readFileSync(files['sweep']!, 'utf8');
    expect(xmlProblem(svg)).toBeUndefined();
    expect(measuredLabels(svg)).toHaveLength(2);
  });

  it('explain waterfall: well-formed, the published value drawn per datapath', async () => {
    const path = join(tmp.dir, 'waterfall.svg');
    const out = await runCli(['explain', scenario, '--svg', path]);
    expect(out).toContain('implies an MTU of at least');
    const svg = readFileSync(path, 'utf8');
    expect(xmlProblem(svg)).toBeUndefined();
    expect(measuredLabels(svg)).toEqual([expect.stringMatching(/^measured macvlan: 9700\.0 Mbit\/s/)]);
  }, 180_000);

  describe.skipIf(skipUnless('svg parsed by python3 xml.etree', 'python3'))('an independent XML parser agrees', () => {
    it('python3 xml.etree parses every SVG', () => {
      for (const f of Object.values(files)) {
        const r = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])', f], { encoding: 'utf8' });
        expect(r.stderr, f).toBe('');
        expect(r.status, f).toBe(0);
      }
    });
  });
});
