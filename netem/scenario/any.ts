import { parseYamlDocument, scenarioFrom, trafficKind } from './load.js';
import { rtpsScenarioFrom } from './rtps.js';
import type { RtpsScenario } from './rtps-types.js';
import type { Scenario } from './types.js';

/** A scenario of either kind: TCP bulk goodput (cni-1g, cni-10g) or RTPS ping-pong (edge-rpi). */
export type AnyScenario = { readonly kind: 'tcp-bulk'; readonly scenario: Scenario } | { readonly kind: 'rtps'; readonly scenario: RtpsScenario };

/** Checks a parsed document of either kind, chosen by `traffic.kind`. */
export function anyScenarioFrom(doc: unknown): AnyScenario {
  return trafficKind(doc) === 'rtps-pingpong' ? { kind: 'rtps', scenario: rtpsScenarioFrom(doc) } : { kind: 'tcp-bulk', scenario: scenarioFrom(doc) };
}

/** Parses scenario YAML text of either kind. */
export function parseAnyScenario(text: string): AnyScenario {
  return anyScenarioFrom(parseYamlDocument(text));
}
