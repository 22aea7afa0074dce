import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from '../../netem/index.js';

export function loadScenario(name: string): Scenario {
  return parseScenario(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)), 'utf8'));
}

/** The scenario with a shorter simulated run, for tests that only need steady state quickly. */
export function shortened(s: Scenario, durationNs: number, omitNs: number): Scenario {
  return { ...s, traffic: { ...s.traffic, durationNs, omitNs } };
}
