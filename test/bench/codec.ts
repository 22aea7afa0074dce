// Codec benchmarks of issue 2: SPDP, HEARTBEAT+ACKNACK, and a DATA_FRAG message of a 50 000-byte sample,
// decode and encode; plus the two targets (small-submessage rate, payload decoding independent of size).
import { readFileSync } from 'node:fs';
import type { Bench } from 'tinybench';
import {
  ENTITYID_UNKNOWN,
  PROTOCOLVERSION_2_5,
  VendorIds,
  discovery,
  sequenceNumberSet,
  type GuidPrefix,
} from '../../rtps/index.js';
import { decodeMessage, encodeMessage, type RtpsMessage } from '../../rtps/wire/message.js';
import type { Submessage } from '../../rtps/wire/submessage.js';
import { readPcap, udpDatagrams } from '../../netem/pcap/index.js';
import type { Target } from './target.js';

const PREFIX: GuidPrefix = Uint8Array.from([1, 16, 0xaa, 0xbb, 1, 2, 3, 4, 5, 6, 7, 8]);
const WRITER = 0x00000102;
const READER = 0x00000107;

function message(submessages: Submessage[]): Uint8Array {
  return encodeMessage({ header: { protocolVersion: PROTOCOLVERSION_2_5, vendorId: VendorIds.RTPS_POD, guidPrefix: PREFIX }, submessages });
}

function decodeOrThrow(bytes: Uint8Array): RtpsMessage {
  const r = decodeMessage(bytes);
  if (!r.ok) throw r.error;
  return r.value;
}

/** The first SPDP announcement of the committed Cyclone DDS capture: real bytes nobody here wrote. */
function cycloneSpdp(): Uint8Array {
  const file = readPcap(readFileSync(new URL('../../../test/fixtures/cyclone-pingpong.pcap', import.meta.url)));
  for (const d of udpDatagrams(file)) {
    const m = decodeMessage(d.payload);
    if (m.ok && m.value.submessages.some((s) => s.kind === 'DATA' && s.writerId === 0x000100c2)) return d.payload.slice();
  }
  throw new Error('no SPDP message in the fixture');
}

function heartbeat(count: number): Submessage {
  return { kind: 'HEARTBEAT', littleEndian: true, finalFlag: false, livelinessFlag: false, groupInfoFlag: false, readerId: READER, writerId: WRITER, firstSN: 1n, lastSN: 100n, count };
}

function ackNack(count: number): Submessage {
  return { kind: 'ACKNACK', littleEndian: true, finalFlag: true, readerId: READER, writerId: WRITER, readerSNState: sequenceNumberSet(90n, [90n, 93n, 97n], 11), count };
}

function data(payloadBytes: number): Submessage {
  const payload = new Uint8Array(payloadBytes + 4);
  payload[1] = 0x01; // CDR_LE
  return { kind: 'DATA', littleEndian: true, inlineQosFlag: false, dataFlag: true, keyFlag: false, nonStandardPayloadFlag: false, extraFlags: 0, readerId: ENTITYID_UNKNOWN, writerId: WRITER, writerSN: 42n, serializedPayload: payload };
}

function dataFrag50k(): Submessage {
  const sampleSize = 50_000;
  const fragmentSize = 1_344;
  const payload = new Uint8Array(sampleSize);
  return {
    kind: 'DATA_FRAG', littleEndian: true, inlineQosFlag: false, keyFlag: false, nonStandardPayloadFlag: false, extraFlags: 0,
    readerId: ENTITYID_UNKNOWN, writerId: WRITER, writerSN: 7n,
    fragmentStartingNum: 1, fragmentsInSubmessage: Math.ceil(sampleSize / fragmentSize), fragmentSize, sampleSize, serializedPayload: payload,
  };
}

const SMALL_PER_MESSAGE = 16;

/**
 * Time per decode of `a` over time per decode of `b`, from alternating batches (best batch of each): two sub-µs
 * tinybench tasks run one after the other differ by GC and JIT timing more than by what they measure.
 */
function interleavedRatio(a: Uint8Array, b: Uint8Array, rounds = 7, batch = 200_000): number {
  const best = [Infinity, Infinity];
  for (let r = 0; r < rounds; r++) {
    [a, b].forEach((bytes, i) => {
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < batch; k++) decodeMessage(bytes);
      best[i] = Math.min(best[i]!, Number(process.hrtime.bigint() - t0));
    });
  }
  return best[0]! / best[1]!;
}

export function registerCodecBenchmarks(bench: Bench): Target[] {
  const spdpBytes = cycloneSpdp();
  const spdp = decodeOrThrow(spdpBytes);
  const spdpData = spdp.submessages.find((s) => s.kind === 'DATA');
  if (spdpData?.kind !== 'DATA' || spdpData.serializedPayload === undefined) throw new Error('fixture SPDP has no payload');
  const spdpPayload = spdpData.serializedPayload;
  const participant = discovery.decodeParticipantDataPayload(spdpPayload, 0, { guidPrefix: spdp.header.guidPrefix });

  const hbBytes = message([heartbeat(1)]);
  const anBytes = message([ackNack(1)]);
  const hb = decodeOrThrow(hbBytes);
  const an = decodeOrThrow(anBytes);
  const fragBytes = message([{ kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp: { seconds: 1, fraction: 0 } }, dataFrag50k()]);
  const frag = decodeOrThrow(fragBytes);
  const smallBytes = message(Array.from({ length: SMALL_PER_MESSAGE }, (_, i) => (i % 2 === 0 ? heartbeat(i) : ackNack(i))));
  const data50 = message([data(50)]);
  const data50k = message([data(50_000)]);

  bench
    .add('decode SPDP (Cyclone capture, message + participant data)', () => {
      const m = decodeOrThrow(spdpBytes);
      const d = m.submessages[1];
      if (d?.kind === 'DATA' && d.serializedPayload) discovery.decodeParticipantDataPayload(d.serializedPayload, 0, { guidPrefix: m.header.guidPrefix });
    })
    .add('encode SPDP (participant data + message)', () => {
      const payload = discovery.encodeParticipantDataPayload(participant, true);
      encodeMessage({ header: spdp.header, submessages: [spdp.submessages[0]!, { ...spdpData, serializedPayload: payload }] });
    })
    .add('decode HEARTBEAT + ACKNACK (two messages)', () => {
      decodeMessage(hbBytes);
      decodeMessage(anBytes);
    })
    .add('encode HEARTBEAT + ACKNACK (two messages)', () => {
      encodeMessage(hb);
      encodeMessage(an);
    })
    .add('decode DATA_FRAG message of a 50 000-byte sample', () => {
      decodeMessage(fragBytes);
    })
    .add('encode DATA_FRAG message of a 50 000-byte sample', () => {
      encodeMessage(frag);
    })
    .add(`decode a message of ${SMALL_PER_MESSAGE} HEARTBEAT/ACKNACK`, () => {
      decodeMessage(smallBytes);
    })
    .add('decode DATA with a 50-byte payload', () => {
      decodeMessage(data50);
    })
    .add('decode DATA with a 50 000-byte payload', () => {
      decodeMessage(data50k);
    });

  return [
    {
      name: 'small submessages decoded per second',
      target: '>= 1 000 000',
      measure: (ops) => ops(`decode a message of ${SMALL_PER_MESSAGE} HEARTBEAT/ACKNACK`) * SMALL_PER_MESSAGE,
      pass: (v) => v >= 1_000_000,
      unit: '/s',
    },
    {
      name: 'payload decoding, 50 000 B vs 50 B (time ratio, interleaved)',
      target: '<= 1.25 (no copy)',
      measure: () => interleavedRatio(data50k, data50),
      pass: (v) => v <= 1.25,
      unit: '×',
    },
  ];
}
