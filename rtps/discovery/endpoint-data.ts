import { ByteReader } from '../codec/byte-reader.js';
import { ENTITYID_PARTICIPANT, readGuid, type EntityId, type Guid } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';
import type { Parameter } from '../wire/parameter-list.js';
import { readContentFilterProperty, writeContentFilterProperty, type ContentFilterProperty } from './content-filter-property.js';
import type { DiscoveryDecodeContext } from './decode-context.js';
import { parameter } from './parameter-value.js';
import {
  booleanParameter,
  entityIdParameter,
  guidParameter,
  locatorParameter,
  missing,
  protocolVersionParameter,
  readAll,
  readBooleanValue,
  readEntityIdValue,
  readFirst,
  readGuidValue,
  readLocatorValue,
  readProtocolVersionValue,
  readStringValue,
  readU32Value,
  readVendorIdValue,
  stringParameter,
  u32Parameter,
  uninterpreted,
  vendorIdParameter,
} from './parameter-set.js';
import * as P from './pid.js';
import { QOS_POLICY_PIDS, decodeQosPolicies, encodeQosPolicies, type QosPolicies, type QosRole } from './qos-set.js';

/** What publications and subscriptions share (8.5.4.4; the DDS Publication/SubscriptionBuiltinTopicData). */
export interface DiscoveredEndpointData {
  /** The participant that owns the endpoint; defaults to the endpoint's prefix with ENTITYID_PARTICIPANT. */
  readonly participantGuid: Guid;
  readonly topicName: string;
  readonly typeName: string;
  readonly qos: QosPolicies;
  readonly unicastLocatorList: readonly Locator[];
  readonly multicastLocatorList: readonly Locator[];
  readonly groupEntityId?: EntityId;
  /** DDS-XTypes TypeInformation (7.6.3.2.2), kept as the octets sent; its CDR is XCDR2 whatever the list's. */
  readonly typeInformation?: Uint8Array;
  readonly entityName?: string;
  readonly protocolVersion?: ProtocolVersion;
  readonly vendorId?: VendorId;
  /** Parameters not interpreted here (vendor-specific ones included), sent on as they came. */
  readonly unknown: readonly Parameter[];
}

/** DiscoveredWriterData (8.5.4.4, 9.6.2.2): what SEDP says of a remote DataWriter. */
export interface DiscoveredWriterData extends DiscoveredEndpointData {
  readonly remoteWriterGuid: Guid;
  /** PID_TYPE_MAX_SIZE_SERIALIZED: the largest serialized sample, when the writer says. */
  readonly dataMaxSizeSerialized?: number;
}

/** DiscoveredReaderData (8.5.4.4, 9.6.2.2): what SEDP says of a remote DataReader. */
export interface DiscoveredReaderData extends DiscoveredEndpointData {
  readonly remoteReaderGuid: Guid;
  readonly expectsInlineQos: boolean;
  readonly contentFilterProperty?: ContentFilterProperty;
}

const COMMON: readonly number[] = [
  P.PID_ENDPOINT_GUID,
  P.PID_PARTICIPANT_GUID,
  P.PID_TOPIC_NAME,
  P.PID_TYPE_NAME,
  P.PID_UNICAST_LOCATOR,
  P.PID_MULTICAST_LOCATOR,
  P.PID_GROUP_ENTITYID,
  P.PID_TYPE_INFORMATION,
  P.PID_ENTITY_NAME,
  P.PID_PROTOCOL_VERSION,
  P.PID_VENDORID,
  ...QOS_POLICY_PIDS,
];
const WRITER_INTERPRETED: ReadonlySet<number> = new Set([...COMMON, P.PID_TYPE_MAX_SIZE_SERIALIZED]);
const READER_INTERPRETED: ReadonlySet<number> = new Set([...COMMON, P.PID_EXPECTS_INLINE_QOS, P.PID_CONTENT_FILTER_PROPERTY]);

/** The endpoint GUID from PID_ENDPOINT_GUID, else from the DATA's key hash (older peers send only that). */
function endpointGuid(params: readonly Parameter[], le: boolean, ctx: DiscoveryDecodeContext, field: string): Guid {
  const g = readFirst(params, P.PID_ENDPOINT_GUID, le, field, readGuidValue);
  if (g) return g;
  if (ctx.keyHash?.length === 16) return readGuid(new ByteReader(ctx.keyHash), field);
  return missing(params, P.PID_ENDPOINT_GUID, field);
}

function decodeCommon(
  params: readonly Parameter[],
  le: boolean,
  key: Guid,
  role: QosRole,
  interpreted: ReadonlySet<number>,
  field: string,
): DiscoveredEndpointData {
  const one = <T>(pid: number, name: string, read: (r: ByteReader, f: string) => T): T | undefined =>
    readFirst(params, pid, le, `${field}.${name}`, read);
  const unknown = uninterpreted(params, interpreted, field);
  const optional = {
    groupEntityId: one(P.PID_GROUP_ENTITYID, 'groupEntityId', readEntityIdValue),
    typeInformation: params.find((p) => p.pid === P.PID_TYPE_INFORMATION)?.value,
    entityName: one(P.PID_ENTITY_NAME, 'entityName', readStringValue),
    protocolVersion: one(P.PID_PROTOCOL_VERSION, 'protocolVersion', readProtocolVersionValue),
    vendorId: one(P.PID_VENDORID, 'vendorId', readVendorIdValue),
  };
  return {
    participantGuid: one(P.PID_PARTICIPANT_GUID, 'participantGuid', readGuidValue) ?? { prefix: key.prefix, entityId: ENTITYID_PARTICIPANT },
    topicName: one(P.PID_TOPIC_NAME, 'topicName', readStringValue) ?? missing(params, P.PID_TOPIC_NAME, `${field}.topicName`),
    typeName: one(P.PID_TYPE_NAME, 'typeName', readStringValue) ?? missing(params, P.PID_TYPE_NAME, `${field}.typeName`),
    qos: decodeQosPolicies(params, le, role, `${field}.qos`),
    unicastLocatorList: readAll(params, P.PID_UNICAST_LOCATOR, le, `${field}.unicastLocatorList`, readLocatorValue),
    multicastLocatorList: readAll(params, P.PID_MULTICAST_LOCATOR, le, `${field}.multicastLocatorList`, readLocatorValue),
    ...definedOnly(optional),
    unknown,
  };
}

/** Drops undefined members so that optional fields are absent rather than present-and-undefined. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Decodes a publication (SEDP DATA(w)). Mandatory: endpoint GUID (or ctx.keyHash), topic name, type name. */
export function decodeWriterData(
  params: readonly Parameter[],
  littleEndian: boolean,
  ctx: DiscoveryDecodeContext = {},
  field = 'DiscoveredWriterData',
): DiscoveredWriterData {
  const remoteWriterGuid = endpointGuid(params, littleEndian, ctx, `${field}.remoteWriterGuid`);
  const common = decodeCommon(params, littleEndian, remoteWriterGuid, 'writer', WRITER_INTERPRETED, field);
  const max = readFirst(params, P.PID_TYPE_MAX_SIZE_SERIALIZED, littleEndian, `${field}.dataMaxSizeSerialized`, readU32Value);
  return { remoteWriterGuid, ...common, ...(max === undefined ? {} : { dataMaxSizeSerialized: max }) };
}

/** Decodes a subscription (SEDP DATA(r)). Mandatory: endpoint GUID (or ctx.keyHash), topic name, type name. */
export function decodeReaderData(
  params: readonly Parameter[],
  littleEndian: boolean,
  ctx: DiscoveryDecodeContext = {},
  field = 'DiscoveredReaderData',
): DiscoveredReaderData {
  const remoteReaderGuid = endpointGuid(params, littleEndian, ctx, `${field}.remoteReaderGuid`);
  const common = decodeCommon(params, littleEndian, remoteReaderGuid, 'reader', READER_INTERPRETED, field);
  const expectsInlineQos = readFirst(params, P.PID_EXPECTS_INLINE_QOS, littleEndian, `${field}.expectsInlineQos`, readBooleanValue) ?? false;
  const cfp = readFirst(params, P.PID_CONTENT_FILTER_PROPERTY, littleEndian, `${field}.contentFilterProperty`, readContentFilterProperty);
  return { remoteReaderGuid, ...common, expectsInlineQos, ...(cfp === undefined ? {} : { contentFilterProperty: cfp }) };
}

function encodeCommon(key: Guid, d: DiscoveredEndpointData, le: boolean, role: QosRole, field: string): Parameter[] {
  const out: Parameter[] = [];
  if (d.protocolVersion) out.push(protocolVersionParameter(P.PID_PROTOCOL_VERSION, le, d.protocolVersion));
  if (d.vendorId !== undefined) out.push(vendorIdParameter(P.PID_VENDORID, le, d.vendorId));
  out.push(guidParameter(P.PID_ENDPOINT_GUID, le, key));
  out.push(guidParameter(P.PID_PARTICIPANT_GUID, le, d.participantGuid));
  out.push(stringParameter(P.PID_TOPIC_NAME, le, d.topicName, `${field}.topicName`));
  out.push(stringParameter(P.PID_TYPE_NAME, le, d.typeName, `${field}.typeName`));
  out.push(...encodeQosPolicies(d.qos, le, role));
  for (const l of d.unicastLocatorList) out.push(locatorParameter(P.PID_UNICAST_LOCATOR, le, l));
  for (const l of d.multicastLocatorList) out.push(locatorParameter(P.PID_MULTICAST_LOCATOR, le, l));
  if (d.groupEntityId !== undefined) out.push(entityIdParameter(P.PID_GROUP_ENTITYID, le, d.groupEntityId));
  if (d.typeInformation) out.push({ pid: P.PID_TYPE_INFORMATION, value: d.typeInformation });
  if (d.entityName !== undefined) out.push(stringParameter(P.PID_ENTITY_NAME, le, d.entityName, `${field}.entityName`));
  return out;
}

/** Encodes a publication as its parameters (no sentinel). */
export function encodeWriterData(d: DiscoveredWriterData, littleEndian: boolean): Parameter[] {
  const out = encodeCommon(d.remoteWriterGuid, d, littleEndian, 'writer', 'DiscoveredWriterData');
  if (d.dataMaxSizeSerialized !== undefined) out.push(u32Parameter(P.PID_TYPE_MAX_SIZE_SERIALIZED, littleEndian, d.dataMaxSizeSerialized));
  out.push(...d.unknown);
  return out;
}

/** Encodes a subscription as its parameters (no sentinel). */
export function encodeReaderData(d: DiscoveredReaderData, littleEndian: boolean): Parameter[] {
  const f = 'DiscoveredReaderData';
  const out = encodeCommon(d.remoteReaderGuid, d, littleEndian, 'reader', f);
  out.push(booleanParameter(P.PID_EXPECTS_INLINE_QOS, littleEndian, d.expectsInlineQos));
  if (d.contentFilterProperty) {
    const c = d.contentFilterProperty;
    out.push(parameter(P.PID_CONTENT_FILTER_PROPERTY, littleEndian, (w) => writeContentFilterProperty(w, c, `${f}.contentFilterProperty`)));
  }
  out.push(...d.unknown);
  return out;
}
