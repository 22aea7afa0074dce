/**
 * The QoS that bounds a HistoryCache: HISTORY and RESOURCE_LIMITS (DDS 1.4, 2.2.3.18 and 2.2.3.19;
 * on the wire 9.6.3.2 PID_HISTORY / PID_RESOURCE_LIMITS). Unlimited is LENGTH_UNLIMITED = -1 on the wire and
 * Infinity here, so comparisons need no special case.
 */
export type HistoryQosPolicy = { readonly kind: 'KEEP_LAST'; readonly depth: number } | { readonly kind: 'KEEP_ALL' };

/** RESOURCE_LIMITS (DDS 2.2.3.19). */
export interface ResourceLimitsQosPolicy {
  readonly maxSamples: number;
  readonly maxInstances: number;
  readonly maxSamplesPerInstance: number;
}

export const LENGTH_UNLIMITED = Infinity;

export const RESOURCE_LIMITS_UNLIMITED: ResourceLimitsQosPolicy = {
  maxSamples: LENGTH_UNLIMITED,
  maxInstances: LENGTH_UNLIMITED,
  maxSamplesPerInstance: LENGTH_UNLIMITED,
};

/** The DDS default HISTORY (KEEP_LAST 1). */
export const HISTORY_KEEP_LAST_1: HistoryQosPolicy = { kind: 'KEEP_LAST', depth: 1 };

/** Wire-form limit (-1 meaning unlimited) to the form used here. */
export function lengthFromWire(n: number): number {
  return n < 0 ? LENGTH_UNLIMITED : n;
}

/** HISTORY as discovery carries it (9.6.3.2: kind 0 KEEP_LAST, 1 KEEP_ALL, and a depth) to the form used here. */
export function historyQosFromWire(h: { readonly kind: number; readonly depth: number }): HistoryQosPolicy {
  return h.kind === 1 ? { kind: 'KEEP_ALL' } : { kind: 'KEEP_LAST', depth: h.depth };
}

/** RESOURCE_LIMITS as discovery carries it (-1 unlimited) to the form used here. */
export function resourceLimitsFromWire(l: ResourceLimitsQosPolicy): ResourceLimitsQosPolicy {
  return {
    maxSamples: lengthFromWire(l.maxSamples),
    maxInstances: lengthFromWire(l.maxInstances),
    maxSamplesPerInstance: lengthFromWire(l.maxSamplesPerInstance),
  };
}

/** Consistency rules of DDS 2.2.3.19: depth >= 1, depth <= max_samples_per_instance <= max_samples. */
export function checkHistoryQos(history: HistoryQosPolicy, limits: ResourceLimitsQosPolicy): void {
  const positive = (n: number, what: string): void => {
    if (!(n === LENGTH_UNLIMITED || (Number.isInteger(n) && n >= 1))) throw new RangeError(`${what} must be a positive integer, got ${n}`);
  };
  positive(limits.maxSamples, 'max_samples');
  positive(limits.maxInstances, 'max_instances');
  positive(limits.maxSamplesPerInstance, 'max_samples_per_instance');
  if (limits.maxSamplesPerInstance > limits.maxSamples) throw new RangeError('max_samples_per_instance exceeds max_samples');
  if (history.kind === 'KEEP_LAST') {
    if (!Number.isInteger(history.depth) || history.depth < 1) throw new RangeError(`history depth must be >= 1, got ${history.depth}`);
    if (history.depth > limits.maxSamplesPerInstance) throw new RangeError('history depth exceeds max_samples_per_instance');
  }
}
