import { DURATION_INFINITE, DURATION_ZERO, durationFromNanos, type Duration } from '../types/time.js';

// The DDS QoS policies carried in discovery data (DDS 1.4 2.2.3, DDSI-RTPS 2.5 9.6.2.2 and 9.3.2), as plain
// data with their specification defaults. Kinds hold their on-the-wire numbers.

/** DDS LENGTH_UNLIMITED: resource limits and depths of -1 mean "no limit". */
export const LENGTH_UNLIMITED = -1;

/** ReliabilityKind_t (9.3.2): on the wire BEST_EFFORT is 1 and RELIABLE 2, unlike the DDS API's 0/1. */
export const ReliabilityKind = { BEST_EFFORT: 1, RELIABLE: 2 } as const;
export type ReliabilityKind = (typeof ReliabilityKind)[keyof typeof ReliabilityKind];

/** RELIABILITY (DDS 2.2.3.14). */
export interface ReliabilityQosPolicy {
  readonly kind: ReliabilityKind;
  readonly maxBlockingTime: Duration;
}

export const DurabilityKind = { VOLATILE: 0, TRANSIENT_LOCAL: 1, TRANSIENT: 2, PERSISTENT: 3 } as const;
export type DurabilityKind = (typeof DurabilityKind)[keyof typeof DurabilityKind];

/** DURABILITY (DDS 2.2.3.4). */
export interface DurabilityQosPolicy {
  readonly kind: DurabilityKind;
}

export const HistoryKind = { KEEP_LAST: 0, KEEP_ALL: 1 } as const;
export type HistoryKind = (typeof HistoryKind)[keyof typeof HistoryKind];

/** HISTORY (DDS 2.2.3.18). */
export interface HistoryQosPolicy {
  readonly kind: HistoryKind;
  readonly depth: number;
}

/** RESOURCE_LIMITS (DDS 2.2.3.19). */
export interface ResourceLimitsQosPolicy {
  readonly maxSamples: number;
  readonly maxInstances: number;
  readonly maxSamplesPerInstance: number;
}

/** DURABILITY_SERVICE (DDS 2.2.3.5). */
export interface DurabilityServiceQosPolicy {
  readonly serviceCleanupDelay: Duration;
  readonly historyKind: HistoryKind;
  readonly historyDepth: number;
  readonly maxSamples: number;
  readonly maxInstances: number;
  readonly maxSamplesPerInstance: number;
}

/** DEADLINE (DDS 2.2.3.7). */
export interface DeadlineQosPolicy {
  readonly period: Duration;
}

/** LATENCY_BUDGET (DDS 2.2.3.8). */
export interface LatencyBudgetQosPolicy {
  readonly duration: Duration;
}

export const LivelinessKind = { AUTOMATIC: 0, MANUAL_BY_PARTICIPANT: 1, MANUAL_BY_TOPIC: 2 } as const;
export type LivelinessKind = (typeof LivelinessKind)[keyof typeof LivelinessKind];

/** LIVELINESS (DDS 2.2.3.11). */
export interface LivelinessQosPolicy {
  readonly kind: LivelinessKind;
  readonly leaseDuration: Duration;
}

export const OwnershipKind = { SHARED: 0, EXCLUSIVE: 1 } as const;
export type OwnershipKind = (typeof OwnershipKind)[keyof typeof OwnershipKind];

/** OWNERSHIP (DDS 2.2.3.9). */
export interface OwnershipQosPolicy {
  readonly kind: OwnershipKind;
}

/** OWNERSHIP_STRENGTH (DDS 2.2.3.10). */
export interface OwnershipStrengthQosPolicy {
  readonly value: number;
}

/** PARTITION (DDS 2.2.3.13). */
export interface PartitionQosPolicy {
  readonly name: readonly string[];
}

/** LIFESPAN (DDS 2.2.3.16). */
export interface LifespanQosPolicy {
  readonly duration: Duration;
}

export const DestinationOrderKind = { BY_RECEPTION_TIMESTAMP: 0, BY_SOURCE_TIMESTAMP: 1 } as const;
export type DestinationOrderKind = (typeof DestinationOrderKind)[keyof typeof DestinationOrderKind];

/** DESTINATION_ORDER (DDS 2.2.3.17). */
export interface DestinationOrderQosPolicy {
  readonly kind: DestinationOrderKind;
}

export const PresentationAccessScope = { INSTANCE: 0, TOPIC: 1, GROUP: 2 } as const;
export type PresentationAccessScope = (typeof PresentationAccessScope)[keyof typeof PresentationAccessScope];

/** PRESENTATION (DDS 2.2.3.6). */
export interface PresentationQosPolicy {
  readonly accessScope: PresentationAccessScope;
  readonly coherentAccess: boolean;
  readonly orderedAccess: boolean;
}

/** TIME_BASED_FILTER (DDS 2.2.3.12). */
export interface TimeBasedFilterQosPolicy {
  readonly minimumSeparation: Duration;
}

/** TRANSPORT_PRIORITY (DDS 2.2.3.15). */
export interface TransportPriorityQosPolicy {
  readonly value: number;
}

/** USER_DATA, TOPIC_DATA, GROUP_DATA (DDS 2.2.3.1 to 2.2.3.3): opaque octets, a view into the input. */
export interface OctetsQosPolicy {
  readonly value: Uint8Array;
}

/** DataRepresentationId_t (DDS-XTypes 7.6.3.1.1). */
export const DataRepresentationId = { XCDR: 0, XML: 1, XCDR2: 2 } as const;

/** DATA_REPRESENTATION (DDS-XTypes 7.6.3.1.1): int16 ids; unknown ids are kept, a match just fails on them. */
export interface DataRepresentationQosPolicy {
  readonly value: readonly number[];
}

/** TypeConsistencyKind (DDS-XTypes 7.6.3.4.1), a 16-bit enumeration on the wire. */
export const TypeConsistencyKind = { DISALLOW_TYPE_COERCION: 0, ALLOW_TYPE_COERCION: 1 } as const;
export type TypeConsistencyKind = (typeof TypeConsistencyKind)[keyof typeof TypeConsistencyKind];

/** TYPE_CONSISTENCY_ENFORCEMENT (DDS-XTypes 7.6.3.4). */
export interface TypeConsistencyEnforcementQosPolicy {
  readonly kind: TypeConsistencyKind;
  readonly ignoreSequenceBounds: boolean;
  readonly ignoreStringBounds: boolean;
  readonly ignoreMemberNames: boolean;
  readonly preventTypeWidening: boolean;
  readonly forceTypeValidation: boolean;
}

/** Default max_blocking_time of a DataWriter (DDS 2.2.3.14): 100 ms. */
export const DEFAULT_MAX_BLOCKING_TIME: Duration = durationFromNanos(100_000_000n);

/** Specification defaults of the policies whose default does not depend on the entity. */
export const QosDefaults = {
  durability: { kind: DurabilityKind.VOLATILE } as DurabilityQosPolicy,
  durabilityService: {
    serviceCleanupDelay: DURATION_ZERO,
    historyKind: HistoryKind.KEEP_LAST,
    historyDepth: 1,
    maxSamples: LENGTH_UNLIMITED,
    maxInstances: LENGTH_UNLIMITED,
    maxSamplesPerInstance: LENGTH_UNLIMITED,
  } as DurabilityServiceQosPolicy,
  deadline: { period: DURATION_INFINITE } as DeadlineQosPolicy,
  latencyBudget: { duration: DURATION_ZERO } as LatencyBudgetQosPolicy,
  liveliness: { kind: LivelinessKind.AUTOMATIC, leaseDuration: DURATION_INFINITE } as LivelinessQosPolicy,
  destinationOrder: { kind: DestinationOrderKind.BY_RECEPTION_TIMESTAMP } as DestinationOrderQosPolicy,
  history: { kind: HistoryKind.KEEP_LAST, depth: 1 } as HistoryQosPolicy,
  resourceLimits: { maxSamples: LENGTH_UNLIMITED, maxInstances: LENGTH_UNLIMITED, maxSamplesPerInstance: LENGTH_UNLIMITED } as ResourceLimitsQosPolicy,
  ownership: { kind: OwnershipKind.SHARED } as OwnershipQosPolicy,
  ownershipStrength: { value: 0 } as OwnershipStrengthQosPolicy,
  presentation: { accessScope: PresentationAccessScope.INSTANCE, coherentAccess: false, orderedAccess: false } as PresentationQosPolicy,
  partition: { name: [] } as PartitionQosPolicy,
  lifespan: { duration: DURATION_INFINITE } as LifespanQosPolicy,
  timeBasedFilter: { minimumSeparation: DURATION_ZERO } as TimeBasedFilterQosPolicy,
  transportPriority: { value: 0 } as TransportPriorityQosPolicy,
  userData: { value: new Uint8Array(0) } as OctetsQosPolicy,
  topicData: { value: new Uint8Array(0) } as OctetsQosPolicy,
  groupData: { value: new Uint8Array(0) } as OctetsQosPolicy,
  /** XTypes 7.6.3.1.1: an endpoint that says nothing uses XCDR version 1. */
  dataRepresentation: { value: [DataRepresentationId.XCDR] } as DataRepresentationQosPolicy,
  typeConsistency: {
    kind: TypeConsistencyKind.ALLOW_TYPE_COERCION,
    ignoreSequenceBounds: true,
    ignoreStringBounds: true,
    ignoreMemberNames: false,
    preventTypeWidening: false,
    forceTypeValidation: false,
  } as TypeConsistencyEnforcementQosPolicy,
  /** DataWriters and their publications default to RELIABLE (DDS 2.2.3.14). */
  writerReliability: { kind: ReliabilityKind.RELIABLE, maxBlockingTime: DEFAULT_MAX_BLOCKING_TIME } as ReliabilityQosPolicy,
  /** DataReaders, subscriptions and topics default to BEST_EFFORT. */
  readerReliability: { kind: ReliabilityKind.BEST_EFFORT, maxBlockingTime: DEFAULT_MAX_BLOCKING_TIME } as ReliabilityQosPolicy,
} as const;
