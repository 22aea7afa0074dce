import { parse as parseYaml } from 'yaml';
import { PLUGINS, type Plugin, type Scope } from '../datapath/chains.js';
import { isParamName, type ParamName } from '../datapath/defaults.js';
import { ScenarioError } from './scenario-error.js';
import type { DatapathDecl, LinkDecl, Measured, NodeDecl, Scenario, ScenarioHeader } from './types.js';
import { parseDuration, parseRate, RATE_UNITS, TIME_UNITS } from './units.js';

export type Obj = Record<string, unknown>;

export const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/** Checks that `v` is a mapping with only `allowed` keys and all `required` ones. */
export function object(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, 'expected a mapping');
  const o = v as Obj;
  for (const k of Object.keys(o))
    if (!required.includes(k) && !optional.includes(k))
      throw new ScenarioError(at(path, k), `unknown key (allowed: ${[...required, ...optional].join(', ')})`);
  for (const k of required) if (!(k in o) || o[k] === undefined) throw new ScenarioError(at(path, k), 'missing');
  return o;
}

export function str(o: Obj, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length === 0) throw new ScenarioError(at(path, k), 'expected a non-empty string');
  return v;
}

export function optStr(o: Obj, k: string, path: string): string | undefined {
  return o[k] === undefined ? undefined : str(o, k, path);
}

export function num(o: Obj, k: string, path: string, min: number, max = Infinity): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ScenarioError(at(path, k), 'expected a number');
  if (v < min || v > max) throw new ScenarioError(at(path, k), `must be within [${min}, ${max}]`);
  return v;
}

export function optNum(o: Obj, k: string, path: string, min: number, max = Infinity): number | undefined {
  return o[k] === undefined ? undefined : num(o, k, path, min, max);
}

export function list(o: Obj, k: string, path: string, nonEmpty = true): unknown[] {
  const v = o[k];
  if (!Array.isArray(v)) throw new ScenarioError(at(path, k), 'expected a list');
  if (nonEmpty && v.length === 0) throw new ScenarioError(at(path, k), 'must not be empty');
  return v;
}

function rate(o: Obj, k: string, path: string): number {
  const v = o[k];
  const r = typeof v === 'string' ? parseRate(v) : undefined;
  if (r === undefined || r <= 0) throw new ScenarioError(at(path, k), `expected a positive rate like "1 Gbit/s" (units: ${RATE_UNITS})`);
  return r;
}

export function duration(o: Obj, k: string, path: string, fallback?: number): number {
  const v = o[k];
  if (v === undefined && fallback !== undefined) return fallback;
  const r = typeof v === 'string' ? parseDuration(v) : undefined;
  if (r === undefined) throw new ScenarioError(at(path, k), `expected a duration like "2 ms" (units: ${TIME_UNITS})`);
  return r;
}

export function oneOf<T extends string>(o: Obj, k: string, path: string, allowed: readonly T[], fallback?: T): T {
  const v = o[k];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new ScenarioError(at(path, k), `expected one of ${allowed.join(', ')}`);
  return v as T;
}

export function paramName(v: unknown, path: string): ParamName {
  if (typeof v !== 'string' || !isParamName(v)) throw new ScenarioError(path, 'unknown parameter (see netem/datapath/defaults.ts)');
  return v;
}

export function node(v: unknown, path: string): NodeDecl {
  const o = object(v, path, ['name'], ['kind', 'cores', 'backgroundLoad', 'note']);
  optStr(o, 'note', path);
  return {
    name: str(o, 'name', path),
    kind: oneOf(o, 'kind', path, ['host', 'switch'] as const, 'host'),
    cores: optNum(o, 'cores', path, 1, 1024),
    backgroundLoad: optNum(o, 'backgroundLoad', path, 0, 0.99),
  };
}

export function link(v: unknown, path: string, nodes: ReadonlySet<string>): LinkDecl {
  const o = object(v, path, ['a', 'b', 'bandwidth', 'delay'], ['mtu', 'loss', 'jitter', 'reorder', 'note']);
  optStr(o, 'note', path);
  for (const end of ['a', 'b']) if (!nodes.has(str(o, end, path))) throw new ScenarioError(at(path, end), 'not a declared node');
  const reorder = o['reorder'];
  if (reorder !== undefined && typeof reorder !== 'boolean') throw new ScenarioError(at(path, 'reorder'), 'expected true or false');
  return {
    a: str(o, 'a', path),
    b: str(o, 'b', path),
    bandwidthBps: rate(o, 'bandwidth', path),
    delayNs: duration(o, 'delay', path),
    mtu: optNum(o, 'mtu', path, 68, 65535),
    loss: optNum(o, 'loss', path, 0, 1) ?? 0,
    jitterNs: duration(o, 'jitter', path, 0),
    reorder: reorder === true,
  };
}

function measured(v: unknown, path: string): Measured {
  const o = object(v, path, ['value', 'source']);
  const text = str(o, 'value', path);
  const bps = parseRate(text);
  if (bps === undefined || bps <= 0) throw new ScenarioError(at(path, 'value'), `expected a rate like "904 Mbit/s" (units: ${RATE_UNITS})`);
  return { bps, text, source: str(o, 'source', path) };
}

function datapath(v: unknown, path: string, nodes: ReadonlySet<string>): DatapathDecl {
  const o = object(v, path, ['name', 'plugin', 'scope', 'from', 'to'], ['toPlugin', 'note', 'measured', 'unmeasured']);
  for (const end of ['from', 'to']) if (!nodes.has(str(o, end, path))) throw new ScenarioError(at(path, end), 'not a declared node');
  const m = o['measured'] === undefined ? undefined : measured(o['measured'], at(path, 'measured'));
  const unmeasured = optStr(o, 'unmeasured', path);
  if (m === undefined && unmeasured === undefined)
    throw new ScenarioError(at(path, 'measured'), 'missing (give `measured` or say why not in `unmeasured`)');
  const plugin: Plugin = oneOf(o, 'plugin', path, PLUGINS);
  return {
    name: str(o, 'name', path),
    plugin,
    scope: oneOf<Scope>(o, 'scope', path, ['pod', 'external']),
    from: str(o, 'from', path),
    to: str(o, 'to', path),
    toPlugin: oneOf(o, 'toPlugin', path, PLUGINS, plugin),
    note: optStr(o, 'note', path),
    measured: m,
    unmeasured,
  };
}

/** Throws ScenarioError at the first repeated name; returns the set of names. */
export function uniqueNames(names: readonly string[], path: (i: number) => string, what: string): Set<string> {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) throw new ScenarioError(path(i), `duplicate ${what}`);
    seen.add(n);
  });
  return seen;
}

/** Overrides of the defaults table under `path` (e.g. `parameters`), each name checked against the table. */
export function paramOverrides(v: unknown, path: string): Partial<Record<ParamName, number>> {
  if (v === undefined) return {};
  const p = object(v, path, [], Object.keys(v as Obj));
  const out: Partial<Record<ParamName, number>> = {};
  for (const k of Object.keys(p)) out[paramName(k, at(path, k))] = num(p, k, path, -1e12);
  return out;
}

/** The header every scenario kind shares (ScenarioHeader), and the node names later sections refer to. */
export function scenarioHeader(o: Obj): { header: ScenarioHeader; nodeNames: Set<string> } {
  const src = object(o['source'], 'source', ['document', 'citation']);
  const assumptions = o['assumptions'] === undefined ? [] : list(o, 'assumptions', '', false);
  assumptions.forEach((a, i) => {
    if (typeof a !== 'string') throw new ScenarioError(`assumptions[${i}]`, 'expected a string');
  });
  const topo = object(o['topology'], 'topology', ['nodes', 'links']);
  const nodes = list(topo, 'nodes', 'topology').map((n, i) => node(n, `topology.nodes[${i}]`));
  const nodeNames = uniqueNames(nodes.map((n) => n.name), (i) => `topology.nodes[${i}].name`, 'node name');
  const links = list(topo, 'links', 'topology').map((l, i) => link(l, `topology.links[${i}]`, nodeNames));
  const header: ScenarioHeader = {
    name: str(o, 'name', ''),
    description: str(o, 'description', ''),
    source: { document: str(src, 'document', 'source'), citation: str(src, 'citation', 'source') },
    assumptions: assumptions as string[],
    nodes,
    links,
  };
  return { header, nodeNames };
}

/** Checks a parsed YAML/JSON document and returns the scenario, or throws ScenarioError naming the bad key. */
export function scenarioFrom(doc: unknown): Scenario {
  if (trafficKind(doc) === 'rtps-pingpong')
    throw new ScenarioError('traffic.kind', 'rtps-pingpong is an RTPS scenario: load it with parseAnyScenario or parseRtpsScenario');
  const o = object(doc, '', ['name', 'description', 'source', 'topology', 'traffic', 'baseline', 'datapaths'], ['assumptions', 'parameters', 'fit']);
  const { header, nodeNames: names } = scenarioHeader(o);
  const t = object(o['traffic'], 'traffic', ['kind', 'duration'], ['omit']);
  const traffic = {
    kind: oneOf(t, 'kind', 'traffic', ['tcp-bulk'] as const),
    durationNs: duration(t, 'duration', 'traffic'),
    omitNs: duration(t, 'omit', 'traffic', 0),
  };
  if (traffic.durationNs <= traffic.omitNs) throw new ScenarioError('traffic.duration', 'must be longer than traffic.omit');
  const parameters = paramOverrides(o['parameters'], 'parameters');
  const fitParameters =
    o['fit'] === undefined
      ? []
      : list(object(o['fit'], 'fit', ['parameters']), 'parameters', 'fit').map((n, i) => paramName(n, `fit.parameters[${i}]`));
  const datapaths = list(o, 'datapaths', '').map((d, i) => datapath(d, `datapaths[${i}]`, names));
  const baseline = str(o, 'baseline', '');
  if (!datapaths.some((d) => d.name === baseline)) throw new ScenarioError('baseline', 'not the name of a datapath');
  return {
    ...header,
    traffic,
    parameters,
    fitParameters,
    baseline,
    datapaths,
  };
}

/** `traffic.kind` of a scenario document, if it has one. */
export function trafficKind(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const t = (doc as Obj)['traffic'];
  return typeof t === 'object' && t !== null ? (t as Obj)['kind'] : undefined;
}

/** YAML text to a plain document; syntax errors become ScenarioError. */
export function parseYamlDocument(text: string): unknown {
  try {
    return parseYaml(text, { logLevel: 'error' });
  } catch (e) {
    throw new ScenarioError('', `not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Parses scenario YAML text; syntax errors become ScenarioError too. */
export function parseScenario(text: string): Scenario {
  return scenarioFrom(parseYamlDocument(text));
}
