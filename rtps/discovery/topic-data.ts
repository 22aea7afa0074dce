import { ByteReader } from '../codec/byte-reader.js';
import { readGuid, type Guid } from '../types/guid.js';
import type { Parameter } from '../wire/parameter-list.js';
import type { DiscoveryDecodeContext } from './decode-context.js';
import { guidParameter, missing, readFirst, readGuidValue, readStringValue, stringParameter, uninterpreted } from './parameter-set.js';
import * as P from './pid.js';
import { QOS_POLICY_PIDS, decodeQosPolicies, encodeQosPolicies, type QosPolicies } from './qos-set.js';

/** DiscoveredTopicData (8.5.4.4, 9.6.2.2; the DDS TopicBuiltinTopicData): what SEDP says of a Topic. */
export interface DiscoveredTopicData {
  /** The topic's key (PID_ENDPOINT_GUID, or the DATA's key hash); absent when the sender gives neither. */
  readonly key?: Guid;
  readonly name: string;
  readonly typeName: string;
  readonly qos: QosPolicies;
  /** Parameters not interpreted here (vendor-specific ones included), sent on as they came. */
  readonly unknown: readonly Parameter[];
}

const INTERPRETED: ReadonlySet<number> = new Set([P.PID_ENDPOINT_GUID, P.PID_TOPIC_NAME, P.PID_TYPE_NAME, ...QOS_POLICY_PIDS]);

/** Decodes a topic announcement. Mandatory: topic name and type name. */
export function decodeTopicData(
  params: readonly Parameter[],
  littleEndian: boolean,
  ctx: DiscoveryDecodeContext = {},
  field = 'DiscoveredTopicData',
): DiscoveredTopicData {
  const one = <T>(pid: number, name: string, read: (r: ByteReader, f: string) => T): T | undefined =>
    readFirst(params, pid, littleEndian, `${field}.${name}`, read);
  const unknown = uninterpreted(params, INTERPRETED, field);
  const key = one(P.PID_ENDPOINT_GUID, 'key', readGuidValue) ?? (ctx.keyHash?.length === 16 ? readGuid(new ByteReader(ctx.keyHash), `${field}.key`) : undefined);
  return {
    ...(key === undefined ? {} : { key }),
    name: one(P.PID_TOPIC_NAME, 'name', readStringValue) ?? missing(params, P.PID_TOPIC_NAME, `${field}.name`),
    typeName: one(P.PID_TYPE_NAME, 'typeName', readStringValue) ?? missing(params, P.PID_TYPE_NAME, `${field}.typeName`),
    qos: decodeQosPolicies(params, littleEndian, 'topic', `${field}.qos`),
    unknown,
  };
}

/** Encodes a topic announcement as its parameters (no sentinel). */
export function encodeTopicData(d: DiscoveredTopicData, littleEndian: boolean): Parameter[] {
  const f = 'DiscoveredTopicData';
  const out: Parameter[] = [];
  if (d.key) out.push(guidParameter(P.PID_ENDPOINT_GUID, littleEndian, d.key));
  out.push(stringParameter(P.PID_TOPIC_NAME, littleEndian, d.name, `${f}.name`));
  out.push(stringParameter(P.PID_TYPE_NAME, littleEndian, d.typeName, `${f}.typeName`));
  out.push(...encodeQosPolicies(d.qos, littleEndian, 'topic'), ...d.unknown);
  return out;
}
