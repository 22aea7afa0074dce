import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserializePayload, Encapsulation, serializePayload } from '../../rtps/index.js';
import { decodeKeyedSeq, encodeKeyedSeq, keyedSeqKeyHash } from '../../src/ddsperf/keyed-seq.js';
import { dataSpec, pingSpec, pongSpec } from '../../src/ddsperf/endpoints.js';
import { DDSPERF_TYPE, ddsperfBaggage, ddsperfGuidPartition, ddsperfTopics, ddsperfUserData, parseDdsperfUserData } from '../../src/ddsperf/topics.js';

describe('ddsperf protocol facts', () => {
  it('names the partition after the participant GUID in four underscore-separated groups', () => {
    const prefix = Uint8Array.from([0x01, 0x10, 0xcb, 0xef, 0x8b, 0x57, 0x45, 0xb6, 0x6b, 0xb0, 0x25, 0xe0]);
    expect(ddsperfGuidPartition(prefix)).toBe('0110cbef_8b5745b6_6bb025e0_000001c1');
  });

  it('round-trips its USER_DATA and rejects other participants', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.string({ unit: 'grapheme-ascii' }), (r, pid, host) => {
        expect(parseDdsperfUserData(ddsperfUserData(r, pid, host))).toEqual({ hasDataReader: r, pid, hostname: host });
      }),
    );
    // The exact bytes Cyclone's ddsperf sent in test/fixtures/cyclone-pingpong.pcap.
    expect(parseDdsperfUserData(Buffer.from('444453506572663a303a373833313a766d', 'hex'))).toEqual({ hasDataReader: false, pid: 7831, hostname: 'vm' });
    expect(parseDdsperfUserData(new TextEncoder().encode('rtps-pod'))).toBeUndefined();
    expect(parseDdsperfUserData(undefined)).toBeUndefined();
  });

  it('uses the topic names and QoS of ddsperf -T KS (reliable unless -u)', () => {
    expect(ddsperfTopics(true)).toEqual({ data: 'DDSPerfRDataKS', ping: 'DDSPerfRPingKS', pong: 'DDSPerfRPongKS' });
    expect(ddsperfTopics(false).ping).toBe('DDSPerfUPingKS');
    expect(pingSpec(true)).toMatchObject({ typeName: 'KeyedSeq', history: 1, partition: [], keyed: true });
    expect(pongSpec(true, 'p')).toMatchObject({ topicName: 'DDSPerfRPongKS', history: 1, partition: ['p'] });
    expect(dataSpec(false)).toMatchObject({ topicName: 'DDSPerfUDataKS', reliable: false, history: 'all', maxSamples: 10_000 });
  });

  it('serializes KeyedSeq as XCDR1 little-endian: seq, keyval, length, 0xee baggage', () => {
    const bytes = encodeKeyedSeq({ seq: 0x01020304, keyval: 7, baggage: ddsperfBaggage(14) });
    expect(Buffer.from(bytes).toString('hex')).toBe('00010002' + '04030201' + '07000000' + '02000000' + 'eeee' + '0000');
    expect(decodeKeyedSeq(bytes)).toEqual({ seq: 0x01020304, keyval: 7, baggage: Uint8Array.from([0xee, 0xee]) });
    expect(decodeKeyedSeq(Uint8Array.from([0, 1, 0, 0, 1]))).toBeUndefined();
    expect(Buffer.from(keyedSeqKeyHash(7)).toString('hex')).toBe('00000007' + '0'.repeat(24));
  });

  it('the hand-written KeyedSeq codec agrees with the generic XCDR1 codec (both byte orders decode)', () => {
    const sampleArb = fc.record({ seq: fc.nat({ max: 0xffffffff }), keyval: fc.nat({ max: 0xffffffff }), baggage: fc.uint8Array({ maxLength: 40 }) });
    fc.assert(
      fc.property(sampleArb, fc.constantFrom(Encapsulation.CDR_LE, Encapsulation.CDR_BE), (s, encapsulation) => {
        const generic = serializePayload(DDSPERF_TYPE, s, encapsulation);
        if (encapsulation === Encapsulation.CDR_LE) expect(encodeKeyedSeq(s)).toEqual(generic);
        expect(decodeKeyedSeq(generic)).toEqual(deserializePayload(DDSPERF_TYPE, generic));
        // A truncated payload is never a sample (the fast path must not read past the end).
        expect(decodeKeyedSeq(generic.subarray(0, generic.length - 4 - (s.baggage.length % 4 === 0 ? 0 : 4 - (s.baggage.length % 4)) - 1))).toBeUndefined();
      }),
    );
  });

  it('sizes samples as ddsperf does: 0 or at least 12 octets including seq, key and length', () => {
    expect(ddsperfBaggage(0)).toHaveLength(0);
    expect(ddsperfBaggage(12)).toHaveLength(0);
    expect(ddsperfBaggage(50_000)).toHaveLength(49_988);
    expect(() => ddsperfBaggage(11)).toThrow(RangeError);
  });
});
