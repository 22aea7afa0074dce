import { discovery, durationFromNanos, DURATION_INFINITE, type Duration } from '../../rtps/index.js';
import type { EndpointSpec } from './session-api.js';

const { ReliabilityKind, DurabilityKind, HistoryKind, OwnershipKind, DataRepresentationId, LENGTH_UNLIMITED, DEFAULT_MAX_BLOCKING_TIME } = discovery;

const DURABILITY = {
  volatile: DurabilityKind.VOLATILE,
  'transient-local': DurabilityKind.TRANSIENT_LOCAL,
  transient: DurabilityKind.TRANSIENT,
  persistent: DurabilityKind.PERSISTENT,
} as const;

function ms(n: number | undefined): Duration {
  return n === undefined || n <= 0 ? DURATION_INFINITE : durationFromNanos(BigInt(Math.round(n * 1e6)));
}

/** The DDS QoS policies an EndpointSpec stands for (only those it changes from the role's defaults). */
export function qosOf(spec: EndpointSpec, role: 'writer' | 'reader'): Partial<discovery.QosPolicies> {
  return {
    reliability: { kind: spec.reliable ? ReliabilityKind.RELIABLE : ReliabilityKind.BEST_EFFORT, maxBlockingTime: DEFAULT_MAX_BLOCKING_TIME },
    durability: { kind: DURABILITY[spec.durability] },
    history: spec.history === 'all' ? { kind: HistoryKind.KEEP_ALL, depth: 1 } : { kind: HistoryKind.KEEP_LAST, depth: spec.history },
    // Per instance as many as in total: rtps/history rejects an unlimited per-instance limit under a finite total.
    resourceLimits: { maxSamples: spec.maxSamples ?? LENGTH_UNLIMITED, maxInstances: LENGTH_UNLIMITED, maxSamplesPerInstance: spec.maxSamples ?? LENGTH_UNLIMITED },
    partition: { name: [...spec.partition] },
    deadline: { period: ms(spec.deadlineMs) },
    ownership: { kind: spec.ownershipStrength === undefined ? OwnershipKind.SHARED : OwnershipKind.EXCLUSIVE },
    ...(role === 'writer' && spec.ownershipStrength !== undefined ? { ownershipStrength: { value: spec.ownershipStrength } } : {}),
    ...(role === 'writer' && spec.lifespanMs !== undefined ? { lifespan: { duration: ms(spec.lifespanMs) } } : {}),
    ...(role === 'reader' && spec.timeBasedFilterMs !== undefined && spec.timeBasedFilterMs > 0
      ? { timeBasedFilter: { minimumSeparation: ms(spec.timeBasedFilterMs) } }
      : {}),
    dataRepresentation: { value: [spec.dataRepresentation === 2 ? DataRepresentationId.XCDR2 : DataRepresentationId.XCDR] },
  };
}
