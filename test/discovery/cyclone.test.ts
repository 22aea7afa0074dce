// Discovery payloads captured from Cyclone DDS 0.10.2 (Debian's cyclonedds, `ddsperf ping` + `ddsperf pong` in a
// private network namespace, `unshare -n`, holding only lo). This file starts no peer: it only holds their bytes. They pin the wire layout against a real peer, which round-trip
// properties alone cannot: a mistake made the same way in encoder and decoder would still round-trip.
import { describe, expect, it } from 'vitest';
import { ByteReader, LocatorKind, guidToString, locatorToString, readParameterList } from '../../rtps/index.js';
import {
  BuiltinEndpointSet,
  DurabilityKind,
  HistoryKind,
  ReliabilityKind,
  StatusInfo,
  decodeBuiltinTopicKeyPayload,
  decodeInlineQos,
  decodeParticipantDataPayload,
  decodeReaderDataPayload,
  decodeWriterDataPayload,
  encodeParticipantDataPayload,
  encodeReaderDataPayload,
  encodeWriterDataPayload,
} from '../../rtps/discovery/index.js';
import { hex, withoutOffsets } from './helpers.js';

const SPDP =
  '000300002c00180011000000444453506572663a303a353436383a766d00000059005800030000000e0000005f5f50726f636573734e616d65000000080000006464737065726600060000005f5f5069640000000500000035343638000000000b0000005f5f486f73746e616d65000003000000766d00000000000015000400020100001600040001100000020008000a00000000000000500010000110a16ee98b35c0bd35937c000001c1580004003ffc00000f000400000000003100180001000000a1d800000000000000000000000000007f0000014800180001000000e91c0000000000000000000000000000efff00013200180001000000a1d800000000000000000000000000007f0000013300180001000000e81c0000000000000000000000000000efff000107803000000000002c00000000000000000000000000000016000000766d2f302e31302e322f4c696e75782f4c696e7578000000198004000000200001000000';
const PUBLICATION =
  '00030000050014000f0000004444535065726652506f6e674b53000007001000090000004b65796564536571000000001a000c00020000000a0000000000000029002c00010000002400000030313130343463385f35623034643662395f32383230366435375f303030303031633100730008000200000000000200750064006000000001100040280000002400000014000000f1fa0413693f17171633962dcd81a2004c00000000000000040000000000000002100040280000002400000014000000f2c6e6285a68c8f6cd7c4203c46cb2007a000000000000000400000000000000150004000201000016000400011000005a0010000110a16ee98b35c0bd35937c00000d020c8004000100000001000000';
const SUBSCRIPTION =
  '00030000050014000f0000004444535065726652506f6e674b53000007001000090000004b65796564536571000000001a000c00020000000a0000000000000040000800010000000100000041000c0010270000ffffffffffffffff29002c00010000002400000030313130343463385f35623034643662395f32383230366435375f303030303031633100730008000200000000000200750064006000000001100040280000002400000014000000f1fa0413693f17171633962dcd81a2004c00000000000000040000000000000002100040280000002400000014000000f2c6e6285a68c8f6cd7c4203c46cb2007a000000000000000400000000000000150004000201000016000400011000005a001000011044c85b04d6b928206d5700000d070c8004000100000001000000';
const DISPOSE_INLINE_QOS = '710004000000000301000000';
const DISPOSE_PUBLICATION_KEY = '000300005a0010000110a16ee98b35c0bd35937c00000d0201000000';
const DISPOSE_PARTICIPANT_KEY = '00030000500010000110a16ee98b35c0bd35937c000001c101000000';

describe('Cyclone DDS 0.10 discovery data', () => {
  it('decodes its SPDP data, vendor parameters kept', () => {
    const d = decodeParticipantDataPayload(hex(SPDP), 48);
    expect(guidToString(d.guid)).toBe('0110a16ee98b35c0bd35937c:000001c1');
    expect(d.protocolVersion).toEqual({ major: 2, minor: 1 });
    expect(d.vendorId).toBe(0x0110);
    expect(d.leaseDuration).toEqual({ seconds: 10, fraction: 0 });
    expect(d.domainId).toBe(0);
    expect(d.availableBuiltinEndpoints).toBe(0xfc3f);
    expect(d.availableBuiltinEndpoints & BuiltinEndpointSet.BUILTIN_ENDPOINT_PARTICIPANT_MESSAGE_DATA_READER).not.toBe(0);
    expect(d.availableBuiltinEndpoints & BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_TOPICS_ANNOUNCER).toBe(0);
    expect(d.defaultUnicastLocatorList.map(locatorToString)).toEqual(['udp/127.0.0.1:55457']);
    expect(d.defaultMulticastLocatorList.map(locatorToString)).toEqual(['udp/239.255.0.1:7401']);
    expect(d.metatrafficUnicastLocatorList.map(locatorToString)).toEqual(['udp/127.0.0.1:55457']);
    expect(d.metatrafficMulticastLocatorList.map(locatorToString)).toEqual(['udp/239.255.0.1:7400']);
    expect(d.metatrafficUnicastLocatorList[0]!.kind).toBe(LocatorKind.UDPv4);
    expect(new TextDecoder().decode(d.userData)).toBe('DDSPerf:0:5468:vm');
    expect(d.propertyList.properties).toEqual([
      { name: '__ProcessName', value: 'ddsperf' },
      { name: '__Pid', value: '5468' },
      { name: '__Hostname', value: 'vm' },
    ]);
    // PID_ADLINK_PARTICIPANT_VERSION_INFO and PID_CYCLONE_RECEIVE_BUFFER_SIZE.
    expect(d.unknown.map((p) => p.pid)).toEqual([0x8007, 0x8019]);
    expect(d.unknown[0]!.offset).toBe(48 + 304);
  });

  it('decodes its publication and subscription data', () => {
    const w = decodeWriterDataPayload(hex(PUBLICATION));
    expect(w.topicName).toBe('DDSPerfRPongKS');
    expect(w.typeName).toBe('KeyedSeq');
    expect(guidToString(w.remoteWriterGuid)).toBe('0110a16ee98b35c0bd35937c:00000d02');
    expect(guidToString(w.participantGuid)).toBe('0110a16ee98b35c0bd35937c:000001c1');
    expect(w.qos.reliability).toEqual({ kind: ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 10, fraction: 0 } });
    expect(w.qos.durability.kind).toBe(DurabilityKind.VOLATILE);
    expect(w.qos.partition.name).toEqual(['011044c8_5b04d6b9_28206d57_000001c1']);
    expect(w.qos.dataRepresentation.value).toEqual([0, 2]);
    expect(w.typeInformation?.length).toBe(100);
    expect(w.vendorId).toBe(0x0110);
    expect(w.unknown.map((p) => p.pid)).toEqual([0x800c]);

    const r = decodeReaderDataPayload(hex(SUBSCRIPTION));
    expect(guidToString(r.remoteReaderGuid)).toBe('011044c85b04d6b928206d57:00000d07');
    expect(r.qos.history).toEqual({ kind: HistoryKind.KEEP_ALL, depth: 1 });
    expect(r.qos.resourceLimits).toEqual({ maxSamples: 10000, maxInstances: -1, maxSamplesPerInstance: -1 });
    expect(r.expectsInlineQos).toBe(false);
  });

  it('re-encodes each to data that decodes the same', () => {
    for (const le of [true, false]) {
      const p = decodeParticipantDataPayload(hex(SPDP));
      expect(withoutOffsets(decodeParticipantDataPayload(encodeParticipantDataPayload(p, le)))).toEqual(withoutOffsets(p));
      const w = decodeWriterDataPayload(hex(PUBLICATION));
      expect(withoutOffsets(decodeWriterDataPayload(encodeWriterDataPayload(w, le)))).toEqual(withoutOffsets(w));
      const r = decodeReaderDataPayload(hex(SUBSCRIPTION));
      expect(withoutOffsets(decodeReaderDataPayload(encodeReaderDataPayload(r, le)))).toEqual(withoutOffsets(r));
    }
  });

  it('decodes its dispose/unregister DATA: big-endian status info inline, key-only payload', () => {
    const q = decodeInlineQos(readParameterList(new ByteReader(hex(DISPOSE_INLINE_QOS), true), 'inlineQos'), true);
    expect(q.statusInfo).toBe(StatusInfo.DISPOSED | StatusInfo.UNREGISTERED);
    expect(guidToString(decodeBuiltinTopicKeyPayload(hex(DISPOSE_PUBLICATION_KEY)))).toBe('0110a16ee98b35c0bd35937c:00000d02');
    expect(guidToString(decodeBuiltinTopicKeyPayload(hex(DISPOSE_PARTICIPANT_KEY)))).toBe('0110a16ee98b35c0bd35937c:000001c1');
  });
});
