import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, ScenarioError, scenarioFrom } from '../../netem/index.js';
import { loadScenario } from './helpers.js';

const raw = (name: string): Record<string, unknown> =>
  parseYaml(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)), 'utf8')) as Record<string, unknown>;

function errorOf(doc: unknown): ScenarioError {
  try {
    scenarioFrom(doc);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario files', () => {
  it('cni-1g holds the five published numbers of seed 004 and an unmeasured host row', () => {
    const s = loadScenario('cni-1g');
    expect(s.datapaths.map((d) => [d.name, d.measured?.bps ?? null])).toEqual([
      ['host', null],
      ['calico', 904e6],
      ['flannel', 895e6],
      ['weave', 905e6],
      ['macvlan', 938e6],
      ['host-device', 940e6],
    ]);
    expect(s.fitParameters.length).toBeLessThan(5);
  });

  it('cni-10g holds Macvlan 9.7 and host-device 9.88 Gbit/s', () => {
    const s = loadScenario('cni-10g');
    expect(s.datapaths.map((d) => d.measured?.bps)).toEqual([9.7e9, 9.88e9]);
  });
});

describe('scenario loader errors', () => {
  it('names the path of an unknown key', () => {
    const doc = raw('cni-1g');
    (doc['datapaths'] as Record<string, unknown>[])[2]!['mtuu'] = 1400;
    expect(errorOf(doc).path).toBe('datapaths[2].mtuu');
  });

  it('names the path of a wrong type', () => {
    const doc = raw('cni-1g');
    ((doc['topology'] as Record<string, unknown>)['links'] as Record<string, unknown>[])[1]!['bandwidth'] = 1000;
    expect(errorOf(doc).path).toBe('topology.links[1].bandwidth');
  });

  it('names the path of a missing field', () => {
    const doc = raw('cni-10g');
    delete ((doc['datapaths'] as Record<string, unknown>[])[0]!['measured'] as Record<string, unknown>)['source'];
    expect(errorOf(doc).path).toBe('datapaths[0].measured.source');
  });

  it('rejects unknown parameters and plugins by path', () => {
    const doc = raw('cni-1g');
    doc['parameters'] = { 'cpu.vethh.perByteNs': 1 };
    expect(errorOf(doc).path).toBe('parameters.cpu.vethh.perByteNs');
    const doc2 = raw('cni-1g');
    (doc2['datapaths'] as Record<string, unknown>[])[0]!['plugin'] = 'cilium';
    expect(errorOf(doc2).path).toBe('datapaths[0].plugin');
  });

  it('turns invalid YAML into a ScenarioError', () => {
    expect(() => parseScenario('name: [unclosed')).toThrow(ScenarioError);
  });

  it('never crashes: any mutation of a valid file is accepted or rejected with a ScenarioError', () => {
    const base = stringify(raw('cni-10g'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          parseScenario(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
