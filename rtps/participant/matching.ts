import type { QosPolicies } from '../discovery/qos-set.js';
import { DataRepresentationId } from '../discovery/qos-policies.js';
import { durationToNanos, type Duration } from '../types/time.js';
import { partitionsMatch } from './partition.js';

/** The DDS names of the request-vs-offered policies (DDS 1.4 2.2.3, "RxO" column; DDS-XTypes 7.6.3.1.2). */
export type QosPolicyName =
  | 'RELIABILITY'
  | 'DURABILITY'
  | 'DEADLINE'
  | 'LATENCY_BUDGET'
  | 'LIVELINESS'
  | 'OWNERSHIP'
  | 'DESTINATION_ORDER'
  | 'PRESENTATION'
  | 'DATA_REPRESENTATION';

/** What matching needs of a writer or reader, local or remote (8.5.4 DiscoveredWriterData / ReaderData). */
export interface EndpointDescription {
  readonly topicName: string;
  readonly typeName: string;
  readonly qos: QosPolicies;
}

/** The outcome of matching a writer with a reader (DDS 2.2.3 RxO, 8.5.4 SEDP matching). */
export type MatchResult =
  | { readonly kind: 'matched' }
  /** Another topic, type or partition: not a candidate at all, nothing to report. */
  | { readonly kind: 'unrelated' }
  /** Same topic and partition but the reader requests more than the writer offers. */
  | { readonly kind: 'incompatible'; readonly policies: readonly QosPolicyName[] };

/** Durations with infinity as +Infinity, for ordering. */
function nanos(d: Duration): number {
  const n = durationToNanos(d);
  return n === null ? Infinity : Number(n);
}

/** The writer's representation: the first it lists, XCDR when it lists none (DDS-XTypes 7.6.3.1.1). */
function offeredRepresentation(qos: QosPolicies): number {
  return qos.dataRepresentation.value[0] ?? DataRepresentationId.XCDR;
}

function acceptedRepresentations(qos: QosPolicies): readonly number[] {
  return qos.dataRepresentation.value.length === 0 ? [DataRepresentationId.XCDR] : qos.dataRepresentation.value;
}

/**
 * The request-vs-offered policies (DDS 1.4 2.2.3 table) on which `offered` (the writer's) falls short of
 * `requested` (the reader's); empty means compatible.
 */
export function incompatiblePolicies(offered: QosPolicies, requested: QosPolicies): QosPolicyName[] {
  const out: QosPolicyName[] = [];
  // Kinds are ordered on the wire as in DDS: BEST_EFFORT < RELIABLE, VOLATILE < ... < PERSISTENT, etc.
  if (offered.reliability.kind < requested.reliability.kind) out.push('RELIABILITY');
  if (offered.durability.kind < requested.durability.kind) out.push('DURABILITY');
  if (nanos(offered.deadline.period) > nanos(requested.deadline.period)) out.push('DEADLINE');
  if (nanos(offered.latencyBudget.duration) > nanos(requested.latencyBudget.duration)) out.push('LATENCY_BUDGET');
  if (
    offered.liveliness.kind < requested.liveliness.kind ||
    nanos(offered.liveliness.leaseDuration) > nanos(requested.liveliness.leaseDuration)
  ) {
    out.push('LIVELINESS');
  }
  if (offered.ownership.kind !== requested.ownership.kind) out.push('OWNERSHIP');
  if (offered.destinationOrder.kind < requested.destinationOrder.kind) out.push('DESTINATION_ORDER');
  const op = offered.presentation;
  const rp = requested.presentation;
  if (op.accessScope < rp.accessScope || (rp.coherentAccess && !op.coherentAccess) || (rp.orderedAccess && !op.orderedAccess)) {
    out.push('PRESENTATION');
  }
  if (!acceptedRepresentations(requested).includes(offeredRepresentation(offered))) out.push('DATA_REPRESENTATION');
  return out;
}

/** Whether `writer` and `reader` communicate (8.5.4.1 / DDS 2.2.3): same topic, type and partition, and RxO QoS. */
export function matchEndpoints(writer: EndpointDescription, reader: EndpointDescription): MatchResult {
  if (writer.topicName !== reader.topicName || writer.typeName !== reader.typeName) return { kind: 'unrelated' };
  if (!partitionsMatch(writer.qos.partition.name, reader.qos.partition.name)) return { kind: 'unrelated' };
  const policies = incompatiblePolicies(writer.qos, reader.qos);
  return policies.length === 0 ? { kind: 'matched' } : { kind: 'incompatible', policies };
}
