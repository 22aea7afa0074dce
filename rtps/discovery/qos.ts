import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { readDuration, writeDuration, type Duration } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';
import { parameter, readBoolean, readEnum, readOctetSeq, readStringSeq, valueReader, writeBoolean, writeOctetSeq, writeStringSeq } from './parameter-value.js';
import * as P from './pid.js';
import {
  DestinationOrderKind,
  DurabilityKind,
  HistoryKind,
  LivelinessKind,
  OwnershipKind,
  PresentationAccessScope,
  QosDefaults,
  ReliabilityKind,
  TypeConsistencyKind,
  type DataRepresentationQosPolicy,
  type DeadlineQosPolicy,
  type DestinationOrderQosPolicy,
  type DurabilityQosPolicy,
  type DurabilityServiceQosPolicy,
  type HistoryQosPolicy,
  type LatencyBudgetQosPolicy,
  type LifespanQosPolicy,
  type LivelinessQosPolicy,
  type OctetsQosPolicy,
  type OwnershipQosPolicy,
  type OwnershipStrengthQosPolicy,
  type PartitionQosPolicy,
  type PresentationQosPolicy,
  type ReliabilityQosPolicy,
  type ResourceLimitsQosPolicy,
  type TimeBasedFilterQosPolicy,
  type TransportPriorityQosPolicy,
  type TypeConsistencyEnforcementQosPolicy,
} from './qos-policies.js';

/** How one QoS policy sits in a parameter value (9.6.2.2, 9.3.2 and the DDS PSM of each policy). */
export interface QosPolicyCodec<T> {
  readonly pid: number;
  /** Dotted-path name used in DecodeErrors, e.g. `reliability`. */
  readonly name: string;
  read(r: ByteReader, field: string): T;
  write(w: ByteWriter, v: T): void;
}

/** Decodes one policy from its parameter; errors name `${field}.${codec.name}` and absolute offsets. */
export function decodeQosPolicy<T>(codec: QosPolicyCodec<T>, p: Parameter, littleEndian: boolean, field = 'qos'): T {
  return codec.read(valueReader(p, littleEndian), `${field}.${codec.name}`);
}

export function encodeQosPolicy<T>(codec: QosPolicyCodec<T>, v: T, littleEndian: boolean): Parameter {
  return parameter(codec.pid, littleEndian, (w) => codec.write(w, v));
}

const durationPolicy = <K extends string>(pid: number, name: string, key: K): QosPolicyCodec<{ readonly [k in K]: Duration }> => ({
  pid,
  name,
  read: (r, f) => ({ [key]: readDuration(r, `${f}.${key}`) }) as { [k in K]: Duration },
  write: (w, v) => writeDuration(w, v[key]),
});

const octetsPolicy = (pid: number, name: string): QosPolicyCodec<OctetsQosPolicy> => ({
  pid,
  name,
  read: (r, f) => ({ value: readOctetSeq(r, `${f}.value`) }),
  write: (w, v) => writeOctetSeq(w, v.value),
});

const kindPolicy = <T extends number>(pid: number, name: string, kinds: readonly T[]): QosPolicyCodec<{ readonly kind: T }> => ({
  pid,
  name,
  read: (r, f) => ({ kind: readEnum(r, kinds, `${f}.kind`) }),
  write: (w, v) => void w.u32(v.kind),
});

/** RELIABILITY: kind then max_blocking_time. A 4-octet value (kind only, sent by some old peers) gets the default time. */
export const ReliabilityCodec: QosPolicyCodec<ReliabilityQosPolicy> = {
  pid: P.PID_RELIABILITY,
  name: 'reliability',
  read: (r, f) => {
    const kind = readEnum(r, Object.values(ReliabilityKind), `${f}.kind`);
    const maxBlockingTime = r.remaining === 0 ? QosDefaults.writerReliability.maxBlockingTime : readDuration(r, `${f}.maxBlockingTime`);
    return { kind, maxBlockingTime };
  },
  write: (w, v) => {
    w.u32(v.kind);
    writeDuration(w, v.maxBlockingTime);
  },
};

export const DurabilityCodec: QosPolicyCodec<DurabilityQosPolicy> = kindPolicy(P.PID_DURABILITY, 'durability', Object.values(DurabilityKind));

export const DurabilityServiceCodec: QosPolicyCodec<DurabilityServiceQosPolicy> = {
  pid: P.PID_DURABILITY_SERVICE,
  name: 'durabilityService',
  read: (r, f) => ({
    serviceCleanupDelay: readDuration(r, `${f}.serviceCleanupDelay`),
    historyKind: readEnum(r, Object.values(HistoryKind), `${f}.historyKind`),
    historyDepth: r.i32(`${f}.historyDepth`),
    maxSamples: r.i32(`${f}.maxSamples`),
    maxInstances: r.i32(`${f}.maxInstances`),
    maxSamplesPerInstance: r.i32(`${f}.maxSamplesPerInstance`),
  }),
  write: (w, v) => {
    writeDuration(w, v.serviceCleanupDelay);
    w.u32(v.historyKind).i32(v.historyDepth).i32(v.maxSamples).i32(v.maxInstances).i32(v.maxSamplesPerInstance);
  },
};

export const DeadlineCodec: QosPolicyCodec<DeadlineQosPolicy> = durationPolicy(P.PID_DEADLINE, 'deadline', 'period');
export const LatencyBudgetCodec: QosPolicyCodec<LatencyBudgetQosPolicy> = durationPolicy(P.PID_LATENCY_BUDGET, 'latencyBudget', 'duration');
export const LifespanCodec: QosPolicyCodec<LifespanQosPolicy> = durationPolicy(P.PID_LIFESPAN, 'lifespan', 'duration');
export const TimeBasedFilterCodec: QosPolicyCodec<TimeBasedFilterQosPolicy> = durationPolicy(P.PID_TIME_BASED_FILTER, 'timeBasedFilter', 'minimumSeparation');

export const LivelinessCodec: QosPolicyCodec<LivelinessQosPolicy> = {
  pid: P.PID_LIVELINESS,
  name: 'liveliness',
  read: (r, f) => ({
    kind: readEnum(r, Object.values(LivelinessKind), `${f}.kind`),
    leaseDuration: readDuration(r, `${f}.leaseDuration`),
  }),
  write: (w, v) => {
    w.u32(v.kind);
    writeDuration(w, v.leaseDuration);
  },
};

export const HistoryCodec: QosPolicyCodec<HistoryQosPolicy> = {
  pid: P.PID_HISTORY,
  name: 'history',
  read: (r, f) => ({ kind: readEnum(r, Object.values(HistoryKind), `${f}.kind`), depth: r.i32(`${f}.depth`) }),
  write: (w, v) => void w.u32(v.kind).i32(v.depth),
};

export const ResourceLimitsCodec: QosPolicyCodec<ResourceLimitsQosPolicy> = {
  pid: P.PID_RESOURCE_LIMITS,
  name: 'resourceLimits',
  read: (r, f) => ({
    maxSamples: r.i32(`${f}.maxSamples`),
    maxInstances: r.i32(`${f}.maxInstances`),
    maxSamplesPerInstance: r.i32(`${f}.maxSamplesPerInstance`),
  }),
  write: (w, v) => void w.i32(v.maxSamples).i32(v.maxInstances).i32(v.maxSamplesPerInstance),
};

export const OwnershipCodec: QosPolicyCodec<OwnershipQosPolicy> = kindPolicy(P.PID_OWNERSHIP, 'ownership', Object.values(OwnershipKind));

export const OwnershipStrengthCodec: QosPolicyCodec<OwnershipStrengthQosPolicy> = {
  pid: P.PID_OWNERSHIP_STRENGTH,
  name: 'ownershipStrength',
  read: (r, f) => ({ value: r.i32(`${f}.value`) }),
  write: (w, v) => void w.i32(v.value),
};

export const DestinationOrderCodec: QosPolicyCodec<DestinationOrderQosPolicy> = kindPolicy(
  P.PID_DESTINATION_ORDER,
  'destinationOrder',
  Object.values(DestinationOrderKind),
);

export const PresentationCodec: QosPolicyCodec<PresentationQosPolicy> = {
  pid: P.PID_PRESENTATION,
  name: 'presentation',
  read: (r, f) => ({
    accessScope: readEnum(r, Object.values(PresentationAccessScope), `${f}.accessScope`),
    coherentAccess: readBoolean(r, `${f}.coherentAccess`),
    orderedAccess: readBoolean(r, `${f}.orderedAccess`),
  }),
  write: (w, v) => {
    w.u32(v.accessScope);
    writeBoolean(w, v.coherentAccess);
    writeBoolean(w, v.orderedAccess);
  },
};

export const PartitionCodec: QosPolicyCodec<PartitionQosPolicy> = {
  pid: P.PID_PARTITION,
  name: 'partition',
  read: (r, f) => ({ name: readStringSeq(r, `${f}.name`) }),
  write: (w, v) => writeStringSeq(w, v.name, 'partition.name'),
};

export const TransportPriorityCodec: QosPolicyCodec<TransportPriorityQosPolicy> = {
  pid: P.PID_TRANSPORT_PRIORITY,
  name: 'transportPriority',
  read: (r, f) => ({ value: r.i32(`${f}.value`) }),
  write: (w, v) => void w.i32(v.value),
};

export const UserDataCodec: QosPolicyCodec<OctetsQosPolicy> = octetsPolicy(P.PID_USER_DATA, 'userData');
export const TopicDataCodec: QosPolicyCodec<OctetsQosPolicy> = octetsPolicy(P.PID_TOPIC_DATA, 'topicData');
export const GroupDataCodec: QosPolicyCodec<OctetsQosPolicy> = octetsPolicy(P.PID_GROUP_DATA, 'groupData');

/** DATA_REPRESENTATION: sequence<int16> (XTypes 7.6.3.1.1). Cyclone appends a 2-octet pad for odd counts. */
export const DataRepresentationCodec: QosPolicyCodec<DataRepresentationQosPolicy> = {
  pid: P.PID_DATA_REPRESENTATION,
  name: 'dataRepresentation',
  read: (r, f) => {
    const n = r.u32(`${f}.value.length`);
    r.checkCount(n, 2, `${f}.value.length`);
    const value: number[] = [];
    for (let i = 0; i < n; i++) value.push(r.i16(`${f}.value[${i}]`));
    return { value };
  },
  write: (w, v) => {
    w.u32(v.value.length);
    for (const id of v.value) w.i16(id);
  },
};

/**
 * TYPE_CONSISTENCY_ENFORCEMENT: a 16-bit kind then five booleans (XTypes 7.6.3.4). Peers built against older
 * XTypes drafts send fewer booleans; the missing ones take their defaults.
 */
export const TypeConsistencyEnforcementCodec: QosPolicyCodec<TypeConsistencyEnforcementQosPolicy> = {
  pid: P.PID_TYPE_CONSISTENCY_ENFORCEMENT,
  name: 'typeConsistency',
  read: (r, f) => {
    const at = r.pos;
    const raw = r.u16(`${f}.kind`);
    const kind = Object.values(TypeConsistencyKind).find((k) => k === raw) ?? r.fail(`${f}.kind`, `unknown value ${raw}`, at);
    const d = QosDefaults.typeConsistency;
    const flag = (name: string, dflt: boolean): boolean => (r.remaining > 0 ? readBoolean(r, `${f}.${name}`) : dflt);
    return {
      kind,
      ignoreSequenceBounds: flag('ignoreSequenceBounds', d.ignoreSequenceBounds),
      ignoreStringBounds: flag('ignoreStringBounds', d.ignoreStringBounds),
      ignoreMemberNames: flag('ignoreMemberNames', d.ignoreMemberNames),
      preventTypeWidening: flag('preventTypeWidening', d.preventTypeWidening),
      forceTypeValidation: flag('forceTypeValidation', d.forceTypeValidation),
    };
  },
  write: (w, v) => {
    w.u16(v.kind);
    for (const b of [v.ignoreSequenceBounds, v.ignoreStringBounds, v.ignoreMemberNames, v.preventTypeWidening, v.forceTypeValidation]) writeBoolean(w, b);
  },
};
