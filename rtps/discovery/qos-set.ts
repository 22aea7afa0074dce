import type { Parameter } from '../wire/parameter-list.js';
import {
  DataRepresentationCodec,
  DeadlineCodec,
  DestinationOrderCodec,
  DurabilityCodec,
  DurabilityServiceCodec,
  GroupDataCodec,
  HistoryCodec,
  LatencyBudgetCodec,
  LifespanCodec,
  LivelinessCodec,
  OwnershipCodec,
  OwnershipStrengthCodec,
  PartitionCodec,
  PresentationCodec,
  ReliabilityCodec,
  ResourceLimitsCodec,
  TimeBasedFilterCodec,
  TopicDataCodec,
  TransportPriorityCodec,
  TypeConsistencyEnforcementCodec,
  UserDataCodec,
  decodeQosPolicy,
  encodeQosPolicy,
  type QosPolicyCodec,
} from './qos.js';
import {
  QosDefaults,
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

/**
 * Every QoS policy a discovered endpoint or topic can carry (the QoS members of the DDS built-in topic data,
 * DDS 2.2.5, as mapped by DDSI-RTPS 9.6.2.2), each with its default applied when the parameter is absent.
 */
export interface QosPolicies {
  readonly durability: DurabilityQosPolicy;
  readonly durabilityService: DurabilityServiceQosPolicy;
  readonly deadline: DeadlineQosPolicy;
  readonly latencyBudget: LatencyBudgetQosPolicy;
  readonly liveliness: LivelinessQosPolicy;
  readonly reliability: ReliabilityQosPolicy;
  readonly destinationOrder: DestinationOrderQosPolicy;
  readonly history: HistoryQosPolicy;
  readonly resourceLimits: ResourceLimitsQosPolicy;
  readonly ownership: OwnershipQosPolicy;
  readonly ownershipStrength: OwnershipStrengthQosPolicy;
  readonly presentation: PresentationQosPolicy;
  readonly partition: PartitionQosPolicy;
  readonly lifespan: LifespanQosPolicy;
  readonly timeBasedFilter: TimeBasedFilterQosPolicy;
  readonly transportPriority: TransportPriorityQosPolicy;
  readonly userData: OctetsQosPolicy;
  readonly topicData: OctetsQosPolicy;
  readonly groupData: OctetsQosPolicy;
  readonly dataRepresentation: DataRepresentationQosPolicy;
  readonly typeConsistency: TypeConsistencyEnforcementQosPolicy;
}

/** Whose defaults apply: only RELIABILITY's default differs (RELIABLE for writers, BEST_EFFORT otherwise). */
export type QosRole = 'writer' | 'reader' | 'topic';

type Codecs = { readonly [K in keyof QosPolicies]: QosPolicyCodec<QosPolicies[K]> };

/** The codec of each policy, in the order they are encoded. */
export const QOS_POLICY_CODECS: Codecs = {
  durability: DurabilityCodec,
  durabilityService: DurabilityServiceCodec,
  deadline: DeadlineCodec,
  latencyBudget: LatencyBudgetCodec,
  liveliness: LivelinessCodec,
  reliability: ReliabilityCodec,
  destinationOrder: DestinationOrderCodec,
  history: HistoryCodec,
  resourceLimits: ResourceLimitsCodec,
  ownership: OwnershipCodec,
  ownershipStrength: OwnershipStrengthCodec,
  presentation: PresentationCodec,
  partition: PartitionCodec,
  lifespan: LifespanCodec,
  timeBasedFilter: TimeBasedFilterCodec,
  transportPriority: TransportPriorityCodec,
  userData: UserDataCodec,
  topicData: TopicDataCodec,
  groupData: GroupDataCodec,
  dataRepresentation: DataRepresentationCodec,
  typeConsistency: TypeConsistencyEnforcementCodec,
};

const KEYS = Object.keys(QOS_POLICY_CODECS) as (keyof QosPolicies)[];
const KEY_BY_PID = new Map<number, keyof QosPolicies>(KEYS.map((k) => [QOS_POLICY_CODECS[k].pid, k]));

/** The parameter ids that carry a QoS policy. */
export const QOS_POLICY_PIDS: ReadonlySet<number> = new Set(KEY_BY_PID.keys());

/** The specification defaults for `role` (DDS 2.2.3 tables; DDS-XTypes 7.6.3 for the type policies). */
export function defaultQos(role: QosRole): QosPolicies {
  const { writerReliability, readerReliability, ...rest } = QosDefaults;
  return { ...rest, reliability: role === 'writer' ? writerReliability : readerReliability };
}

/** Fills the policies from the parameters that carry one, defaults for the rest. The first occurrence of a policy wins. */
export function decodeQosPolicies(params: readonly Parameter[], littleEndian: boolean, role: QosRole, field: string): QosPolicies {
  const out: Record<string, unknown> = { ...defaultQos(role) };
  const seen = new Set<string>();
  for (const p of params) {
    const key = KEY_BY_PID.get(p.pid);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    out[key] = decodeQosPolicy(QOS_POLICY_CODECS[key] as QosPolicyCodec<unknown>, p, littleEndian, field);
  }
  return out as unknown as QosPolicies;
}

/**
 * Policies always sent whatever their value: the ones vendors have historically defaulted differently, where
 * silence would risk a mismatch.
 */
const ALWAYS_SENT: ReadonlySet<keyof QosPolicies> = new Set(['reliability', 'durability']);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Encodes the policies that differ from `role`'s defaults (plus RELIABILITY and DURABILITY), as 9.6.2.2 allows. */
export function encodeQosPolicies(qos: QosPolicies, littleEndian: boolean, role: QosRole): Parameter[] {
  const defaults = defaultQos(role);
  const out: Parameter[] = [];
  for (const key of KEYS) {
    const codec = QOS_POLICY_CODECS[key] as QosPolicyCodec<unknown>;
    const p = encodeQosPolicy(codec, qos[key], littleEndian);
    if (ALWAYS_SENT.has(key) || !sameBytes(p.value, encodeQosPolicy(codec, defaults[key], littleEndian).value)) out.push(p);
  }
  return out;
}

