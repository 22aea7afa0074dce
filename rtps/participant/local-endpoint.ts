import { defaultQos, type QosPolicies } from '../discovery/qos-set.js';
import { ReliabilityKind } from '../discovery/qos-policies.js';
import type { KeyHashOf } from '../endpoint/change-encoding.js';
import type { InstanceOptions, WriteOptions, WriteResult } from '../endpoint/write-request.js';
import { historyQosFromWire, resourceLimitsFromWire, type HistoryQosPolicy, type ResourceLimitsQosPolicy } from '../history/history-qos.js';
import type { ReadCondition, Sample } from '../history/reader-history-cache.js';
import { EntityKind, type Guid } from '../types/guid.js';
import { durationToNanos } from '../types/time.js';
import type { Nanos } from './environment.js';

/** What the application says when it creates a DataWriter or DataReader (DDS 2.2.2.4.1.5 / 2.2.2.5.2.5). */
export interface EndpointOptions {
  readonly topicName: string;
  readonly typeName: string;
  /** Whether the type has a key (entity kind WITH_KEY vs NO_KEY, table 9.1). Default false. */
  readonly keyed?: boolean;
  /** Policies to change from the DDS defaults of the role (RELIABLE for writers, BEST_EFFORT for readers). */
  readonly qos?: Partial<QosPolicies>;
  readonly entityName?: string;
  /** DDS-XTypes TypeInformation octets to announce (PID_TYPE_INFORMATION). */
  readonly typeInformation?: Uint8Array;
}

/** Options of createReader: a keyed reader can compute a missing PID_KEY_HASH from the payload. */
export interface ReaderOptions extends EndpointOptions {
  readonly keyHashOf?: KeyHashOf;
}

/** A local DataWriter as the application holds it. Every call sends what it produced at once (pollTransmit). */
export interface LocalWriter {
  readonly guid: Guid;
  readonly topicName: string;
  readonly typeName: string;
  readonly qos: QosPolicies;
  /** `serializedPayload` includes its encapsulation header. Source timestamp defaults to config.wallClock(now). */
  write(now: Nanos, serializedPayload: Uint8Array, options?: WriteOptions): WriteResult;
  dispose(now: Nanos, keyHash: Uint8Array, options?: InstanceOptions): WriteResult;
  unregister(now: Nanos, keyHash: Uint8Array, options?: InstanceOptions & { readonly dispose?: boolean }): WriteResult;
  /** The remote readers currently matched. */
  matchedReaders(): Guid[];
  /** Whether every matched reliable reader acknowledged everything written (for pacing). */
  isAcknowledgedByAll(): boolean;
}

/** A local DataReader as the application holds it. */
export interface LocalReader {
  readonly guid: Guid;
  readonly topicName: string;
  readonly typeName: string;
  readonly qos: QosPolicies;
  take(condition?: ReadCondition): Sample[];
  read(condition?: ReadCondition): Sample[];
  /** The remote writers currently matched. */
  matchedWriters(): Guid[];
}

/** The role's defaults with the application's changes on top. */
export function effectiveQos(role: 'writer' | 'reader', changes: Partial<QosPolicies> | undefined): QosPolicies {
  return { ...defaultQos(role), ...changes };
}

/** Entity kind of a user endpoint (table 9.1). */
export function userEntityKind(role: 'writer' | 'reader', keyed: boolean): number {
  if (role === 'writer') return keyed ? EntityKind.USER_WRITER_WITH_KEY : EntityKind.USER_WRITER_NO_KEY;
  return keyed ? EntityKind.USER_READER_WITH_KEY : EntityKind.USER_READER_NO_KEY;
}

/** The history-related QoS in the form rtps/history uses. */
export interface HistorySettings {
  readonly reliable: boolean;
  readonly history: HistoryQosPolicy;
  readonly resourceLimits: ResourceLimitsQosPolicy;
  readonly lifespan: Nanos | null;
}

/** HISTORY, RESOURCE_LIMITS, LIFESPAN and RELIABILITY from their wire form to rtps/history's. */
export function historySettings(qos: QosPolicies): HistorySettings {
  const lifespan = durationToNanos(qos.lifespan.duration);
  return {
    reliable: qos.reliability.kind === ReliabilityKind.RELIABLE,
    history: historyQosFromWire(qos.history),
    resourceLimits: resourceLimitsFromWire(qos.resourceLimits),
    lifespan: lifespan === null ? null : Number(lifespan),
  };
}
