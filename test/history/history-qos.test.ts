import { describe, expect, it } from 'vitest';
import { discovery } from '../../rtps/index.js';
import { checkHistoryQos, historyQosFromWire, LENGTH_UNLIMITED, resourceLimitsFromWire } from '../../rtps/history/history-qos.js';

describe('HISTORY / RESOURCE_LIMITS (DDS 2.2.3.18, 2.2.3.19)', () => {
  it('converts the discovery wire forms, -1 becoming unlimited', () => {
    expect(historyQosFromWire({ kind: discovery.HistoryKind.KEEP_LAST, depth: 3 })).toEqual({ kind: 'KEEP_LAST', depth: 3 });
    expect(historyQosFromWire({ kind: discovery.HistoryKind.KEEP_ALL, depth: 3 })).toEqual({ kind: 'KEEP_ALL' });
    expect(resourceLimitsFromWire({ maxSamples: discovery.LENGTH_UNLIMITED, maxInstances: 4, maxSamplesPerInstance: -1 })).toEqual({
      maxSamples: LENGTH_UNLIMITED,
      maxInstances: 4,
      maxSamplesPerInstance: LENGTH_UNLIMITED,
    });
  });

  it('enforces the consistency rules', () => {
    const unlimited = { maxSamples: Infinity, maxInstances: Infinity, maxSamplesPerInstance: Infinity };
    expect(() => checkHistoryQos({ kind: 'KEEP_LAST', depth: 1 }, unlimited)).not.toThrow();
    expect(() => checkHistoryQos({ kind: 'KEEP_ALL' }, { ...unlimited, maxSamples: 0 })).toThrow(/max_samples/);
    expect(() => checkHistoryQos({ kind: 'KEEP_ALL' }, { ...unlimited, maxSamples: 2, maxSamplesPerInstance: 3 })).toThrow(/exceeds max_samples/);
    expect(() => checkHistoryQos({ kind: 'KEEP_LAST', depth: 1.5 }, unlimited)).toThrow(/depth/);
  });
});
