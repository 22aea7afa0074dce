import { PLUGINS, type Plugin } from '../datapath/chains.js';
import { isRtpsParamName, type RtpsParamName } from '../rtps/defaults.js';
import { at, duration, list, num, object, oneOf, optStr, paramOverrides, parseYamlDocument, scenarioHeader, str, uniqueNames, type Obj } from './load.js';
import type { ClusterDecl, CounterfactualDecl, FindingDecl, RtpsMetric, RtpsPodDecl, RtpsScenario, RtpsTrafficDecl } from './rtps-types.js';
import { ScenarioError } from './scenario-error.js';

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$/;

function loads(v: unknown, path: string, nodes: ReadonlySet<string>): Record<string, number> {
  if (v === undefined) return {};
  const o = object(v, path, [], [...nodes]);
  const out: Record<string, number> = {};
  for (const k of Object.keys(o)) out[k] = num(o, k, path, 0, 0.99);
  return out;
}

function pod(v: unknown, path: string, nodes: ReadonlySet<string>): RtpsPodDecl {
  const o = object(v, path, ['node', 'ip']);
  const n = str(o, 'node', path);
  if (!nodes.has(n)) throw new ScenarioError(at(path, 'node'), 'not a declared node');
  const ip = str(o, 'ip', path);
  if (!IPV4.test(ip)) throw new ScenarioError(at(path, 'ip'), 'expected an IPv4 address');
  return { node: n, ip };
}

function cluster(v: unknown, path: string, nodes: ReadonlySet<string>): ClusterDecl {
  const o = object(v, path, ['name', 'distribution', 'plugin', 'ping', 'pong'], ['backgroundLoad', 'parameters', 'note']);
  const ping = pod(o['ping'], at(path, 'ping'), nodes);
  const pong = pod(o['pong'], at(path, 'pong'), nodes);
  if (ping.ip === pong.ip) throw new ScenarioError(at(path, 'pong.ip'), 'ping and pong need different addresses');
  return {
    name: str(o, 'name', path),
    distribution: str(o, 'distribution', path),
    plugin: oneOf<Plugin>(o, 'plugin', path, PLUGINS),
    ping,
    pong,
    backgroundLoad: loads(o['backgroundLoad'], at(path, 'backgroundLoad'), nodes),
    parameters: paramOverrides(o['parameters'], at(path, 'parameters')),
    note: optStr(o, 'note', path),
  };
}

function sizes(v: unknown, path: string): number[] {
  if (Array.isArray(v)) {
    if (v.length === 0) throw new ScenarioError(path, 'must not be empty');
    return v.map((x: unknown, i) => {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 12 || x > 1e7) throw new ScenarioError(`${path}[${i}]`, 'expected a whole number of octets in [12, 1e7]');
      return x;
    });
  }
  const o = object(v, path, ['from', 'to', 'step']);
  const from = num(o, 'from', path, 12, 1e7);
  const to = num(o, 'to', path, from, 1e7);
  const step = num(o, 'step', path, 1, 1e7);
  if ((to - from) / step > 1000) throw new ScenarioError(path, 'more than 1000 sizes');
  const out: number[] = [];
  for (let s = from; s <= to; s += step) out.push(s);
  return out;
}

function traffic(v: unknown, nodes: ReadonlySet<string>): RtpsTrafficDecl {
  const path = 'traffic';
  const o = object(v, path, ['kind', 'sizes', 'capture'], ['reliable', 'warmup', 'duration', 'timeout', 'window', 'maxDatagram']);
  const reliable = o['reliable'];
  if (reliable !== undefined && typeof reliable !== 'boolean') throw new ScenarioError(at(path, 'reliable'), 'expected true or false');
  const captureNode = str(o, 'capture', path);
  if (!nodes.has(captureNode)) throw new ScenarioError(at(path, 'capture'), 'not a declared node');
  return {
    kind: oneOf(o, 'kind', path, ['rtps-pingpong'] as const),
    sizes: sizes(o['sizes'], at(path, 'sizes')),
    reliable: reliable !== false,
    warmup: o['warmup'] === undefined ? 5 : num(o, 'warmup', path, 0, 1e6),
    durationNs: duration(o, 'duration', path, 1e9),
    timeoutNs: duration(o, 'timeout', path, 1e9),
    windowNs: duration(o, 'window', path, 50e6),
    maxDatagram: o['maxDatagram'] === undefined ? undefined : num(o, 'maxDatagram', path, 576, 65507),
    captureNode,
  };
}

const METRICS: readonly RtpsMetric[] = ['rtt-p50', 'packets-per-window', 'background-load'];

function finding(v: unknown, path: string, clusters: ReadonlySet<string>): FindingDecl {
  const o = object(v, path, ['id', 'claim', 'source', 'metric', 'expect', 'cluster']);
  const c = str(o, 'cluster', path);
  if (!clusters.has(c)) throw new ScenarioError(at(path, 'cluster'), 'not a declared cluster');
  return {
    id: str(o, 'id', path),
    claim: str(o, 'claim', path),
    source: str(o, 'source', path),
    metric: oneOf(o, 'metric', path, METRICS),
    expect: oneOf(o, 'expect', path, ['lowest', 'highest'] as const),
    cluster: c,
  };
}

function counterfactual(v: unknown, path: string, clusters: ReadonlySet<string>, nodes: ReadonlySet<string>): CounterfactualDecl {
  const o = object(v, path, ['name', 'reason', 'cluster'], ['plugin', 'backgroundLoad', 'parameters']);
  const c = str(o, 'cluster', path);
  if (!clusters.has(c)) throw new ScenarioError(at(path, 'cluster'), 'not a declared cluster');
  return {
    name: str(o, 'name', path),
    reason: str(o, 'reason', path),
    cluster: c,
    plugin: o['plugin'] === undefined ? undefined : oneOf<Plugin>(o, 'plugin', path, PLUGINS),
    backgroundLoad: o['backgroundLoad'] === undefined ? undefined : loads(o['backgroundLoad'], at(path, 'backgroundLoad'), nodes),
    parameters: paramOverrides(o['parameters'], at(path, 'parameters')),
  };
}

function rtpsParams(v: unknown): Partial<Record<RtpsParamName, number>> {
  if (v === undefined) return {};
  const o = object(v, 'rtps', ['parameters']);
  const pv = o['parameters'];
  const p = object(pv, 'rtps.parameters', [], Object.keys((pv ?? {}) as Obj));
  const out: Partial<Record<RtpsParamName, number>> = {};
  for (const k of Object.keys(p)) {
    if (!isRtpsParamName(k)) throw new ScenarioError(`rtps.parameters.${k}`, 'unknown parameter (see netem/rtps/defaults.ts)');
    out[k] = num(p, k, 'rtps.parameters', 0);
  }
  return out;
}

/** Checks a parsed RTPS scenario document (`traffic.kind: rtps-pingpong`); throws ScenarioError naming the bad key. */
export function rtpsScenarioFrom(doc: unknown): RtpsScenario {
  const o = object(doc, '', ['name', 'description', 'source', 'topology', 'traffic', 'clusters', 'findings'], ['assumptions', 'parameters', 'rtps', 'counterfactuals']);
  const { header, nodeNames } = scenarioHeader(o);
  const clusters = list(o, 'clusters', '').map((c, i) => cluster(c, `clusters[${i}]`, nodeNames));
  const clusterNames = uniqueNames(clusters.map((c) => c.name), (i) => `clusters[${i}].name`, 'cluster name');
  const findings = list(o, 'findings', '').map((f, i) => finding(f, `findings[${i}]`, clusterNames));
  uniqueNames(findings.map((f) => f.id), (i) => `findings[${i}].id`, 'finding id');
  const counterfactuals =
    o['counterfactuals'] === undefined ? [] : list(o, 'counterfactuals', '', false).map((c, i) => counterfactual(c, `counterfactuals[${i}]`, clusterNames, nodeNames));
  return {
    ...header,
    parameters: paramOverrides(o['parameters'], 'parameters'),
    rtpsParameters: rtpsParams(o['rtps']),
    traffic: traffic(o['traffic'], nodeNames),
    clusters,
    findings,
    counterfactuals,
  };
}

/** Parses RTPS scenario YAML text. */
export function parseRtpsScenario(text: string): RtpsScenario {
  return rtpsScenarioFrom(parseYamlDocument(text));
}
