import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeError, DURATION_INFINITE, attempt } from '../../rtps/index.js';
import {
  DataRepresentationCodec,
  LENGTH_UNLIMITED,
  PID_DURABILITY,
  PID_HISTORY,
  PID_RELIABILITY,
  QOS_POLICY_CODECS,
  QosDefaults,
  ReliabilityCodec,
  ReliabilityKind,
  TypeConsistencyEnforcementCodec,
  decodeQosPolicies,
  decodeQosPolicy,
  defaultQos,
  encodeQosPolicies,
  encodeQosPolicy,
  type QosPolicies,
  type QosPolicyCodec,
} from '../../rtps/discovery/index.js';
import { qosArb } from './arbitraries.js';
import { hex } from './helpers.js';

const keys = Object.keys(QOS_POLICY_CODECS) as (keyof QosPolicies)[];

describe('QoS policies as parameter values (9.6.2.2)', () => {
  it('every policy round-trips through its parameter in both endiannesses', () => {
    fc.assert(
      fc.property(qosArb, fc.boolean(), (qos, le) => {
        for (const k of keys) {
          const codec = QOS_POLICY_CODECS[k] as QosPolicyCodec<unknown>;
          const p = encodeQosPolicy(codec, qos[k], le);
          expect(p.pid).toBe(codec.pid);
          expect(decodeQosPolicy(codec, { ...p, offset: 100 }, le)).toEqual(qos[k]);
        }
      }),
    );
  });

  it('a whole policy set round-trips, defaults left out of the list except RELIABILITY and DURABILITY', () => {
    fc.assert(
      fc.property(qosArb, fc.boolean(), fc.constantFrom('writer' as const, 'reader' as const, 'topic' as const), (qos, le, role) => {
        const params = encodeQosPolicies(qos, le, role);
        expect(decodeQosPolicies(params, le, role, 'qos')).toEqual(qos);
      }),
    );
    const params = encodeQosPolicies(defaultQos('writer'), true, 'writer');
    expect(params.map((p) => p.pid).sort()).toEqual([PID_RELIABILITY, PID_DURABILITY].sort());
  });

  it('absent policies take the specification defaults, reliability depending on the role', () => {
    const w = decodeQosPolicies([], true, 'writer', 'qos');
    const r = decodeQosPolicies([], true, 'reader', 'qos');
    expect(w.reliability.kind).toBe(ReliabilityKind.RELIABLE);
    expect(r.reliability.kind).toBe(ReliabilityKind.BEST_EFFORT);
    expect(w.reliability.maxBlockingTime).toEqual(QosDefaults.writerReliability.maxBlockingTime);
    expect(w.durability.kind).toBe(0);
    expect(w.history).toEqual({ kind: 0, depth: 1 });
    expect(w.resourceLimits.maxSamples).toBe(LENGTH_UNLIMITED);
    expect(w.deadline.period).toEqual(DURATION_INFINITE);
    expect(w.liveliness).toEqual({ kind: 0, leaseDuration: DURATION_INFINITE });
    expect(w.dataRepresentation.value).toEqual([0]);
    expect(w.partition.name).toEqual([]);
  });

  it('puts RELIABLE as 2 and BEST_EFFORT as 1 on the wire, then max_blocking_time', () => {
    const p = encodeQosPolicy(ReliabilityCodec, { kind: ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 1, fraction: 2 } }, false);
    expect(Buffer.from(p.value).toString('hex')).toBe('00000002' + '00000001' + '00000002');
    expect(decodeQosPolicy(ReliabilityCodec, { pid: PID_RELIABILITY, value: hex('01000000') }, true)).toEqual(QosDefaults.readerReliability);
    const bad = attempt(() => decodeQosPolicy(ReliabilityCodec, { pid: PID_RELIABILITY, value: hex('00000000'), offset: 40 }, true));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.field).toBe('qos.reliability.kind');
      expect(bad.error.offset).toBe(40);
    }
  });

  it('reads Cyclone DDS data representation (sequence<int16> with a trailing pad) and a short type-consistency value', () => {
    expect(decodeQosPolicy(DataRepresentationCodec, { pid: 0x73, value: hex('0200000000000200') }, true).value).toEqual([0, 2]);
    expect(decodeQosPolicy(TypeConsistencyEnforcementCodec, { pid: 0x74, value: hex('00000000') }, false)).toEqual({
      ...QosDefaults.typeConsistency,
      kind: 0,
      ignoreSequenceBounds: false,
      ignoreStringBounds: false,
    });
    expect(decodeQosPolicy(TypeConsistencyEnforcementCodec, { pid: 0x74, value: hex('0001') }, false)).toEqual(QosDefaults.typeConsistency);
  });

  it('history with an unknown kind is a DecodeError naming the policy', () => {
    const r = attempt(() => decodeQosPolicies([{ pid: PID_HISTORY, value: hex('0500000001000000'), offset: 8 }], true, 'reader', 'X.qos'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(DecodeError);
      expect(r.error.field).toBe('X.qos.history.kind');
      expect(r.error.offset).toBe(8);
    }
  });
});
