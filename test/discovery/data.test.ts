import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteWriter, DecodeError, ENTITYID_PARTICIPANT, attempt, writeParameterList, type Parameter } from '../../rtps/index.js';
import {
  DEFAULT_PARTICIPANT_LEASE_DURATION,
  PID_BUILTIN_ENDPOINT_SET,
  PID_DOMAIN_TAG,
  PID_ENDPOINT_GUID,
  PID_PARTICIPANT_GUID,
  PID_PROTOCOL_VERSION,
  PID_TOPIC_NAME,
  PID_TYPE_NAME,
  PID_VENDORID,
  ReliabilityKind,
  decodeInlineQos,
  decodeParticipantData,
  decodeParticipantDataPayload,
  decodeReaderData,
  decodeReaderDataPayload,
  decodeTopicData,
  decodeTopicDataPayload,
  decodeWriterData,
  decodeWriterDataPayload,
  encodeInlineQos,
  encodeParticipantData,
  encodeParticipantDataPayload,
  encodeReaderData,
  encodeReaderDataPayload,
  encodeTopicData,
  encodeTopicDataPayload,
  encodeWriterData,
  encodeWriterDataPayload,
  guidParameter,
  stringParameter,
  u32Parameter,
} from '../../rtps/discovery/index.js';
import { inlineQosArb, participantDataArb, readerDataArb, topicDataArb, writerDataArb } from './arbitraries.js';
import { withoutOffsets } from './helpers.js';

/** Frames parameters as a real list does (padding, sentinel) and reads them back, so offsets are exercised. */
function throughList(params: readonly Parameter[], le: boolean): Parameter[] {
  const w = new ByteWriter(le);
  writeParameterList(w, params);
  const bytes = w.finish();
  const out: Parameter[] = [];
  let pos = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (;;) {
    const pid = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    if (pid === 1) return out;
    out.push({ pid, value: bytes.subarray(pos + 4, pos + 4 + len), offset: pos + 4 });
    pos += 4 + len;
  }
}

describe('typed discovery data round-trips (8.5.3.2, 8.5.4.4, 9.6.2.2)', () => {
  it('SPDPdiscoveredParticipantData, as parameters and as a payload, both endiannesses', () => {
    fc.assert(
      fc.property(participantDataArb, fc.boolean(), (d, le) => {
        expect(withoutOffsets(decodeParticipantData(throughList(encodeParticipantData(d, le), le), le))).toEqual(d);
        expect(withoutOffsets(decodeParticipantDataPayload(encodeParticipantDataPayload(d, le), 20))).toEqual(d);
      }),
    );
  });

  it('DiscoveredWriterData', () => {
    fc.assert(
      fc.property(writerDataArb, fc.boolean(), (d, le) => {
        expect(withoutOffsets(decodeWriterData(throughList(encodeWriterData(d, le), le), le))).toEqual(d);
        expect(withoutOffsets(decodeWriterDataPayload(encodeWriterDataPayload(d, le)))).toEqual(d);
      }),
    );
  });

  it('DiscoveredReaderData', () => {
    fc.assert(
      fc.property(readerDataArb, fc.boolean(), (d, le) => {
        expect(withoutOffsets(decodeReaderData(throughList(encodeReaderData(d, le), le), le))).toEqual(d);
        expect(withoutOffsets(decodeReaderDataPayload(encodeReaderDataPayload(d, le)))).toEqual(d);
      }),
    );
  });

  it('DiscoveredTopicData', () => {
    fc.assert(
      fc.property(topicDataArb, fc.boolean(), (d, le) => {
        expect(withoutOffsets(decodeTopicData(throughList(encodeTopicData(d, le), le), le))).toEqual(d);
        expect(withoutOffsets(decodeTopicDataPayload(encodeTopicDataPayload(d, le)))).toEqual(d);
      }),
    );
  });

  it('inline QoS', () => {
    fc.assert(
      fc.property(inlineQosArb, fc.boolean(), (q, le) => {
        expect(withoutOffsets(decodeInlineQos(throughList(encodeInlineQos(q, le), le), le))).toEqual(q);
      }),
    );
  });

  it('the payload starts with PL_CDR_BE or PL_CDR_LE as the endianness says', () => {
    fc.assert(
      fc.property(writerDataArb, fc.boolean(), (d, le) => {
        const b = encodeWriterDataPayload(d, le);
        expect([b[0], b[1], b[2], b[3]]).toEqual([0, le ? 3 : 2, 0, 0]);
      }),
    );
  });
});

const le = true;
const prefix = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const minimalParticipant = (): Parameter[] => [
  guidParameter(PID_PARTICIPANT_GUID, le, { prefix, entityId: ENTITYID_PARTICIPANT }),
  { pid: PID_PROTOCOL_VERSION, value: Uint8Array.of(2, 5, 0, 0) },
  { pid: PID_VENDORID, value: Uint8Array.of(1, 0xfe, 0, 0) },
  u32Parameter(PID_BUILTIN_ENDPOINT_SET, le, 0x3f),
];
const minimalWriter = (): Parameter[] => [
  guidParameter(PID_ENDPOINT_GUID, le, { prefix, entityId: 0x00000102 }),
  stringParameter(PID_TOPIC_NAME, le, 'Square', 't'),
  stringParameter(PID_TYPE_NAME, le, 'ShapeType', 't'),
];

describe('discovery data examples', () => {
  it('an unknown vendor-specific parameter passes through decode and encode unchanged', () => {
    const vendor: Parameter = { pid: 0x8007, value: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) };
    const d = decodeParticipantData([...minimalParticipant(), vendor], le);
    expect(d.unknown).toEqual([vendor]);
    expect(encodeParticipantData(d, le).at(-1)).toEqual(vendor);
  });

  it('an unknown parameter with the must-understand bit makes the list a DecodeError', () => {
    const r = attempt(() => decodeWriterData([...minimalWriter(), { pid: 0x4077, value: new Uint8Array(4), offset: 64 }], le));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(DecodeError);
      expect(r.error.reason).toBe('must-understand parameter 0x4077 not supported');
      expect(r.error.offset).toBe(60);
    }
    // PID_DOMAIN_TAG has that bit too, and is understood.
    const withTag = decodeParticipantData([...minimalParticipant(), stringParameter(PID_DOMAIN_TAG, le, 'blue', 'tag')], le);
    expect(withTag.domainTag).toBe('blue');
  });

  it('applies defaults when optional parameters are absent', () => {
    const p = decodeParticipantData(minimalParticipant(), le);
    expect(p.leaseDuration).toEqual(DEFAULT_PARTICIPANT_LEASE_DURATION);
    expect(p.expectsInlineQos).toBe(false);
    expect(p.domainTag).toBe('');
    expect(p.domainId).toBeUndefined();
    expect(p.manualLivelinessCount).toBe(0);
    const w = decodeWriterData(minimalWriter(), le);
    expect(w.participantGuid).toEqual({ prefix, entityId: ENTITYID_PARTICIPANT });
    expect(w.qos.reliability.kind).toBe(ReliabilityKind.RELIABLE);
    expect(w.unicastLocatorList).toEqual([]);
    const r = decodeReaderData(minimalWriter(), le);
    expect(r.qos.reliability.kind).toBe(ReliabilityKind.BEST_EFFORT);
    expect(r.expectsInlineQos).toBe(false);
  });

  it('names a missing mandatory parameter; the message header can stand in for the SPDP GUID prefix', () => {
    const noGuid = minimalParticipant().slice(1);
    const r = attempt(() => decodeParticipantData(noGuid, le));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('mandatory parameter PID_PARTICIPANT_GUID is missing');
    expect(decodeParticipantData(noGuid, le, { guidPrefix: prefix }).guid).toEqual({ prefix, entityId: ENTITYID_PARTICIPANT });

    const noTopic = attempt(() => decodeWriterData(minimalWriter().filter((p) => p.pid !== PID_TOPIC_NAME), le));
    expect(noTopic.ok).toBe(false);
    if (!noTopic.ok) expect(noTopic.error.field).toBe('DiscoveredWriterData.topicName');

    const keyHash = Uint8Array.from({ length: 16 }, (_, i) => i);
    const viaKeyHash = decodeWriterData(minimalWriter().slice(1), le, { keyHash });
    expect(viaKeyHash.remoteWriterGuid.entityId).toBe(0x0c0d0e0f);
  });

  it('rejects a non-PL encapsulation, naming the payload offset', () => {
    const r = attempt(() => decodeWriterDataPayload(Uint8Array.of(0, 1, 0, 0, 1, 0, 0, 0), 36));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe('serializedPayload.encapsulation.identifier');
      expect(r.error.offset).toBe(36);
    }
  });
});
