import type { ByteReader } from '../codec/byte-reader.js';
import { ENTITYID_PARTICIPANT, type Guid } from '../types/guid.js';
import type { Locator } from '../types/locator.js';
import type { Duration } from '../types/time.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';
import type { Parameter } from '../wire/parameter-list.js';
import type { DiscoveryDecodeContext } from './decode-context.js';
import { parameter, valueReader } from './parameter-value.js';
import {
  booleanParameter,
  durationParameter,
  guidParameter,
  i32Parameter,
  locatorParameter,
  missing,
  octetsParameter,
  protocolVersionParameter,
  readAll,
  readBooleanValue,
  readDurationValue,
  readFirst,
  readGuidValue,
  readI32Value,
  readLocatorValue,
  readOctetsValue,
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
import { EMPTY_PROPERTY_LIST, readPropertyList, writePropertyList, type PropertyList } from './property-list.js';

/**
 * SPDPdiscoveredParticipantData (8.5.3.2, 9.6.2.2): the ParticipantProxy, the DDS ParticipantBuiltinTopicData
 * and the lease, as one participant announces itself.
 */
export interface SPDPdiscoveredParticipantData {
  /** The participant's GUID: its guidPrefix with ENTITYID_PARTICIPANT. */
  readonly guid: Guid;
  readonly protocolVersion: ProtocolVersion;
  readonly vendorId: VendorId;
  readonly expectsInlineQos: boolean;
  readonly metatrafficUnicastLocatorList: readonly Locator[];
  readonly metatrafficMulticastLocatorList: readonly Locator[];
  readonly defaultUnicastLocatorList: readonly Locator[];
  readonly defaultMulticastLocatorList: readonly Locator[];
  /** BuiltinEndpointSet_t bits; see BuiltinEndpointSet. */
  readonly availableBuiltinEndpoints: number;
  /** BuiltinEndpointQos_t bits; see BuiltinEndpointQos. */
  readonly builtinEndpointQos: number;
  readonly leaseDuration: Duration;
  readonly manualLivelinessCount: number;
  /** Absent means "the receiver's domain" (9.6.2.2): the sender predates PID_DOMAIN_ID. */
  readonly domainId?: number;
  readonly domainTag: string;
  readonly entityName?: string;
  readonly userData: Uint8Array;
  readonly propertyList: PropertyList;
  /** Parameters not interpreted here (vendor-specific ones included), sent on as they came. */
  readonly unknown: readonly Parameter[];
}

/** Default lease when PID_PARTICIPANT_LEASE_DURATION is absent (9.6.2.2): 100 s. */
export const DEFAULT_PARTICIPANT_LEASE_DURATION: Duration = { seconds: 100, fraction: 0 };

const INTERPRETED: ReadonlySet<number> = new Set([
  P.PID_PARTICIPANT_GUID,
  P.PID_PROTOCOL_VERSION,
  P.PID_VENDORID,
  P.PID_EXPECTS_INLINE_QOS,
  P.PID_METATRAFFIC_UNICAST_LOCATOR,
  P.PID_METATRAFFIC_MULTICAST_LOCATOR,
  P.PID_DEFAULT_UNICAST_LOCATOR,
  P.PID_DEFAULT_MULTICAST_LOCATOR,
  P.PID_BUILTIN_ENDPOINT_SET,
  P.PID_PARTICIPANT_BUILTIN_ENDPOINTS,
  P.PID_BUILTIN_ENDPOINT_QOS,
  P.PID_PARTICIPANT_LEASE_DURATION,
  P.PID_PARTICIPANT_MANUAL_LIVELINESS_COUNT,
  P.PID_DOMAIN_ID,
  P.PID_DOMAIN_TAG,
  P.PID_ENTITY_NAME,
  P.PID_USER_DATA,
  P.PID_PROPERTY_LIST,
]);

/**
 * Decodes SPDP data from its parameters. Mandatory: the participant GUID, protocol version and vendor id (each
 * may come from `ctx`, the message header) and the built-in endpoint set (PID_BUILTIN_ENDPOINT_SET, or the
 * deprecated PID_PARTICIPANT_BUILTIN_ENDPOINTS some older peers send).
 */
export function decodeParticipantData(
  params: readonly Parameter[],
  littleEndian: boolean,
  ctx: DiscoveryDecodeContext = {},
  field = 'SPDPdiscoveredParticipantData',
): SPDPdiscoveredParticipantData {
  const le = littleEndian;
  const one = <T>(pid: number, name: string, read: (r: ByteReader, f: string) => T): T | undefined =>
    readFirst(params, pid, le, `${field}.${name}`, read);
  const many = (pid: number, name: string): Locator[] => readAll(params, pid, le, `${field}.${name}`, readLocatorValue);

  const unknown = uninterpreted(params, INTERPRETED, field);
  const guid =
    one(P.PID_PARTICIPANT_GUID, 'guid', readGuidValue) ??
    (ctx.guidPrefix ? { prefix: ctx.guidPrefix, entityId: ENTITYID_PARTICIPANT } : missing(params, P.PID_PARTICIPANT_GUID, `${field}.guid`));
  const domainId = one(P.PID_DOMAIN_ID, 'domainId', readU32Value);
  const entityName = one(P.PID_ENTITY_NAME, 'entityName', readStringValue);
  return {
    guid,
    protocolVersion:
      one(P.PID_PROTOCOL_VERSION, 'protocolVersion', readProtocolVersionValue) ??
      ctx.protocolVersion ??
      missing(params, P.PID_PROTOCOL_VERSION, `${field}.protocolVersion`),
    vendorId: one(P.PID_VENDORID, 'vendorId', readVendorIdValue) ?? ctx.vendorId ?? missing(params, P.PID_VENDORID, `${field}.vendorId`),
    expectsInlineQos: one(P.PID_EXPECTS_INLINE_QOS, 'expectsInlineQos', readBooleanValue) ?? false,
    metatrafficUnicastLocatorList: many(P.PID_METATRAFFIC_UNICAST_LOCATOR, 'metatrafficUnicastLocatorList'),
    metatrafficMulticastLocatorList: many(P.PID_METATRAFFIC_MULTICAST_LOCATOR, 'metatrafficMulticastLocatorList'),
    defaultUnicastLocatorList: many(P.PID_DEFAULT_UNICAST_LOCATOR, 'defaultUnicastLocatorList'),
    defaultMulticastLocatorList: many(P.PID_DEFAULT_MULTICAST_LOCATOR, 'defaultMulticastLocatorList'),
    availableBuiltinEndpoints:
      one(P.PID_BUILTIN_ENDPOINT_SET, 'availableBuiltinEndpoints', readU32Value) ??
      one(P.PID_PARTICIPANT_BUILTIN_ENDPOINTS, 'availableBuiltinEndpoints', readU32Value) ??
      missing(params, P.PID_BUILTIN_ENDPOINT_SET, `${field}.availableBuiltinEndpoints`),
    builtinEndpointQos: one(P.PID_BUILTIN_ENDPOINT_QOS, 'builtinEndpointQos', readU32Value) ?? 0,
    leaseDuration: one(P.PID_PARTICIPANT_LEASE_DURATION, 'leaseDuration', readDurationValue) ?? DEFAULT_PARTICIPANT_LEASE_DURATION,
    manualLivelinessCount: one(P.PID_PARTICIPANT_MANUAL_LIVELINESS_COUNT, 'manualLivelinessCount', readI32Value) ?? 0,
    ...(domainId === undefined ? {} : { domainId }),
    domainTag: one(P.PID_DOMAIN_TAG, 'domainTag', readStringValue) ?? '',
    ...(entityName === undefined ? {} : { entityName }),
    userData: one(P.PID_USER_DATA, 'userData', readOctetsValue) ?? new Uint8Array(0),
    propertyList: readFirstPropertyList(params, le, `${field}.propertyList`) ?? EMPTY_PROPERTY_LIST,
    unknown,
  };
}

function readFirstPropertyList(params: readonly Parameter[], le: boolean, field: string): PropertyList | undefined {
  const p = params.find((q) => q.pid === P.PID_PROPERTY_LIST);
  return p && readPropertyList(valueReader(p, le), field);
}

/**
 * Encodes SPDP data as its parameters (no sentinel; writeParameterList adds it). Defaults are sent anyway,
 * except an empty domain tag: PID_DOMAIN_TAG carries the must-understand bit and would make peers without
 * domain-tag support drop the announcement, and empty user data, property list and entity name.
 */
export function encodeParticipantData(d: SPDPdiscoveredParticipantData, littleEndian: boolean): Parameter[] {
  const le = littleEndian;
  const f = 'SPDPdiscoveredParticipantData';
  const out: Parameter[] = [
    protocolVersionParameter(P.PID_PROTOCOL_VERSION, le, d.protocolVersion),
    vendorIdParameter(P.PID_VENDORID, le, d.vendorId),
    guidParameter(P.PID_PARTICIPANT_GUID, le, d.guid),
  ];
  if (d.domainId !== undefined) out.push(u32Parameter(P.PID_DOMAIN_ID, le, d.domainId));
  if (d.domainTag !== '') out.push(stringParameter(P.PID_DOMAIN_TAG, le, d.domainTag, `${f}.domainTag`));
  out.push(booleanParameter(P.PID_EXPECTS_INLINE_QOS, le, d.expectsInlineQos));
  for (const l of d.metatrafficUnicastLocatorList) out.push(locatorParameter(P.PID_METATRAFFIC_UNICAST_LOCATOR, le, l));
  for (const l of d.metatrafficMulticastLocatorList) out.push(locatorParameter(P.PID_METATRAFFIC_MULTICAST_LOCATOR, le, l));
  for (const l of d.defaultUnicastLocatorList) out.push(locatorParameter(P.PID_DEFAULT_UNICAST_LOCATOR, le, l));
  for (const l of d.defaultMulticastLocatorList) out.push(locatorParameter(P.PID_DEFAULT_MULTICAST_LOCATOR, le, l));
  out.push(u32Parameter(P.PID_BUILTIN_ENDPOINT_SET, le, d.availableBuiltinEndpoints));
  out.push(u32Parameter(P.PID_BUILTIN_ENDPOINT_QOS, le, d.builtinEndpointQos));
  out.push(durationParameter(P.PID_PARTICIPANT_LEASE_DURATION, le, d.leaseDuration));
  out.push(i32Parameter(P.PID_PARTICIPANT_MANUAL_LIVELINESS_COUNT, le, d.manualLivelinessCount));
  if (d.entityName !== undefined) out.push(stringParameter(P.PID_ENTITY_NAME, le, d.entityName, `${f}.entityName`));
  if (d.userData.length > 0) out.push(octetsParameter(P.PID_USER_DATA, le, d.userData));
  if (d.propertyList.properties.length > 0 || d.propertyList.binaryProperties.length > 0) {
    out.push(parameter(P.PID_PROPERTY_LIST, le, (w) => writePropertyList(w, d.propertyList, `${f}.propertyList`)));
  }
  out.push(...d.unknown);
  return out;
}
