// fast-check arbitraries for the typed discovery data of rtps/discovery (8.5.3.2, 8.5.4.4, 9.6.2.2). Every
// value is valid and canonical: it survives encode then decode unchanged, in either endianness, so it can
// also be fed to other decoders (tshark) as well-formed SPDP/SEDP data.
import fc from 'fast-check';
import {
  DataRepresentationId,
  DestinationOrderKind,
  DurabilityKind,
  HistoryKind,
  LivelinessKind,
  OwnershipKind,
  PresentationAccessScope,
  ReliabilityKind,
  TypeConsistencyKind,
  type ContentFilterProperty,
  type DiscoveredReaderData,
  type DiscoveredTopicData,
  type DiscoveredWriterData,
  type InlineQos,
  type PropertyList,
  type QosPolicies,
  type SPDPdiscoveredParticipantData,
} from '../../rtps/discovery/index.js';
import type { Duration, Guid, Locator, Parameter } from '../../rtps/index.js';

const i32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const oneOf = <T extends number>(o: Record<string, T>): fc.Arbitrary<T> => fc.constantFrom(...Object.values(o));

export const durationArb: fc.Arbitrary<Duration> = fc.record({ seconds: i32, fraction: u32 });
export const guidArb: fc.Arbitrary<Guid> = fc.record({
  prefix: fc.uint8Array({ minLength: 12, maxLength: 12 }),
  entityId: u32,
});
export const locatorArb: fc.Arbitrary<Locator> = fc.record({
  kind: i32,
  port: u32,
  address: fc.uint8Array({ minLength: 16, maxLength: 16 }),
});
/** CDR strings: any well-formed Unicode without NUL (a CDR string cannot hold one). */
export const cdrStringArb: fc.Arbitrary<string> = fc.string({ unit: 'grapheme', maxLength: 24 }).filter((s) => !s.includes('\0'));
const octetsArb = fc.uint8Array({ maxLength: 24 });

/** Standard-range parameter ids none of the typed decoders interpret, and vendor-specific ones; never must-understand. */
export const passThroughParameterArb: fc.Arbitrary<Parameter> = fc.record({
  pid: fc.oneof(fc.integer({ min: 0x8000, max: 0xbfff }), fc.integer({ min: 0x0100, max: 0x0fff })),
  value: fc.integer({ min: 0, max: 6 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
});

export const qosArb: fc.Arbitrary<QosPolicies> = fc.record({
  durability: fc.record({ kind: oneOf(DurabilityKind) }),
  durabilityService: fc.record({
    serviceCleanupDelay: durationArb,
    historyKind: oneOf(HistoryKind),
    historyDepth: i32,
    maxSamples: i32,
    maxInstances: i32,
    maxSamplesPerInstance: i32,
  }),
  deadline: fc.record({ period: durationArb }),
  latencyBudget: fc.record({ duration: durationArb }),
  liveliness: fc.record({ kind: oneOf(LivelinessKind), leaseDuration: durationArb }),
  reliability: fc.record({ kind: oneOf(ReliabilityKind), maxBlockingTime: durationArb }),
  destinationOrder: fc.record({ kind: oneOf(DestinationOrderKind) }),
  history: fc.record({ kind: oneOf(HistoryKind), depth: i32 }),
  resourceLimits: fc.record({ maxSamples: i32, maxInstances: i32, maxSamplesPerInstance: i32 }),
  ownership: fc.record({ kind: oneOf(OwnershipKind) }),
  ownershipStrength: fc.record({ value: i32 }),
  presentation: fc.record({ accessScope: oneOf(PresentationAccessScope), coherentAccess: fc.boolean(), orderedAccess: fc.boolean() }),
  partition: fc.record({ name: fc.array(cdrStringArb, { maxLength: 4 }) }),
  lifespan: fc.record({ duration: durationArb }),
  timeBasedFilter: fc.record({ minimumSeparation: durationArb }),
  transportPriority: fc.record({ value: i32 }),
  userData: fc.record({ value: octetsArb }),
  topicData: fc.record({ value: octetsArb }),
  groupData: fc.record({ value: octetsArb }),
  dataRepresentation: fc.record({
    value: fc.array(fc.oneof(oneOf(DataRepresentationId), fc.integer({ min: -0x8000, max: 0x7fff })), { maxLength: 4 }),
  }),
  typeConsistency: fc.record({
    kind: oneOf(TypeConsistencyKind),
    ignoreSequenceBounds: fc.boolean(),
    ignoreStringBounds: fc.boolean(),
    ignoreMemberNames: fc.boolean(),
    preventTypeWidening: fc.boolean(),
    forceTypeValidation: fc.boolean(),
  }),
});

export const propertyListArb: fc.Arbitrary<PropertyList> = fc.record({
  properties: fc.array(fc.record({ name: cdrStringArb, value: cdrStringArb }), { maxLength: 3 }),
  binaryProperties: fc.array(fc.record({ name: cdrStringArb, value: octetsArb }), { maxLength: 2 }),
});

export const contentFilterPropertyArb: fc.Arbitrary<ContentFilterProperty> = fc.record({
  contentFilteredTopicName: cdrStringArb,
  relatedTopicName: cdrStringArb,
  filterClassName: fc.constantFrom('DDSSQL', ''),
  filterExpression: cdrStringArb,
  expressionParameters: fc.array(cdrStringArb, { maxLength: 3 }),
});

const protocolVersionArb = fc.record({ major: fc.integer({ min: 0, max: 255 }), minor: fc.integer({ min: 0, max: 255 }) });
const vendorIdArb = fc.integer({ min: 0, max: 0xffff });
/** Type information is opaque here; the list pads values to 4 octets, so canonical ones are whole words. */
const typeInformationArb = fc.integer({ min: 0, max: 8 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words }));

export const participantDataArb: fc.Arbitrary<SPDPdiscoveredParticipantData> = fc.record(
  {
    guid: fc.record({ prefix: fc.uint8Array({ minLength: 12, maxLength: 12 }), entityId: fc.constant(0x000001c1) }),
    protocolVersion: protocolVersionArb,
    vendorId: vendorIdArb,
    expectsInlineQos: fc.boolean(),
    metatrafficUnicastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
    metatrafficMulticastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
    defaultUnicastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
    defaultMulticastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
    availableBuiltinEndpoints: u32,
    builtinEndpointQos: u32,
    leaseDuration: durationArb,
    manualLivelinessCount: i32,
    domainId: u32,
    domainTag: cdrStringArb,
    entityName: cdrStringArb,
    userData: octetsArb,
    propertyList: propertyListArb,
    unknown: fc.array(passThroughParameterArb, { maxLength: 3 }),
  },
  { requiredKeys: [
    'guid', 'protocolVersion', 'vendorId', 'expectsInlineQos', 'metatrafficUnicastLocatorList', 'metatrafficMulticastLocatorList',
    'defaultUnicastLocatorList', 'defaultMulticastLocatorList', 'availableBuiltinEndpoints', 'builtinEndpointQos', 'leaseDuration',
    'manualLivelinessCount', 'domainTag', 'userData', 'propertyList', 'unknown',
  ] },
);

const endpointCommon = {
  participantGuid: guidArb,
  topicName: cdrStringArb,
  typeName: cdrStringArb,
  qos: qosArb,
  unicastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
  multicastLocatorList: fc.array(locatorArb, { maxLength: 2 }),
  groupEntityId: u32,
  typeInformation: typeInformationArb,
  entityName: cdrStringArb,
  protocolVersion: protocolVersionArb,
  vendorId: vendorIdArb,
  unknown: fc.array(passThroughParameterArb, { maxLength: 3 }),
};
const endpointRequired = ['participantGuid', 'topicName', 'typeName', 'qos', 'unicastLocatorList', 'multicastLocatorList', 'unknown'] as const;

export const writerDataArb: fc.Arbitrary<DiscoveredWriterData> = fc.record(
  { ...endpointCommon, remoteWriterGuid: guidArb, dataMaxSizeSerialized: u32 },
  { requiredKeys: [...endpointRequired, 'remoteWriterGuid'] },
);

export const readerDataArb: fc.Arbitrary<DiscoveredReaderData> = fc.record(
  { ...endpointCommon, remoteReaderGuid: guidArb, expectsInlineQos: fc.boolean(), contentFilterProperty: contentFilterPropertyArb },
  { requiredKeys: [...endpointRequired, 'remoteReaderGuid', 'expectsInlineQos'] },
);

export const topicDataArb: fc.Arbitrary<DiscoveredTopicData> = fc.record(
  { key: guidArb, name: cdrStringArb, typeName: cdrStringArb, qos: qosArb, unknown: fc.array(passThroughParameterArb, { maxLength: 3 }) },
  { requiredKeys: ['name', 'typeName', 'qos', 'unknown'] },
);

export const inlineQosArb: fc.Arbitrary<InlineQos> = fc.record(
  {
    keyHash: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    statusInfo: fc.integer({ min: 0, max: 7 }),
    coherentSet: fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }),
    directedWrite: fc.array(guidArb, { maxLength: 2 }),
    other: fc.array(passThroughParameterArb, { maxLength: 2 }),
  },
  { requiredKeys: ['directedWrite', 'other'] },
);
