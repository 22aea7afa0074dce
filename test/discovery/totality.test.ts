// Totality: whatever the bytes, the discovery decoders return a value or throw a DecodeError whose offset
// lies inside the input. attempt() rethrows anything else, which fails the property.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attempt, type Parameter } from '../../rtps/index.js';
import {
  PID_NAMES,
  QOS_POLICY_CODECS,
  decodeBuiltinTopicKeyPayload,
  decodeInlineQos,
  decodeParticipantData,
  decodeParticipantDataPayload,
  decodeQosPolicy,
  decodeReaderData,
  decodeReaderDataPayload,
  decodeTopicData,
  decodeTopicDataPayload,
  decodeWriterData,
  decodeWriterDataPayload,
  encodeParticipantDataPayload,
  encodeReaderDataPayload,
  encodeTopicDataPayload,
  encodeWriterDataPayload,
  type QosPolicyCodec,
} from '../../rtps/discovery/index.js';
import { participantDataArb, readerDataArb, topicDataArb, writerDataArb } from './arbitraries.js';

const knownPids = [...PID_NAMES.keys()];
const BASE = 1000;

/** Parameters with ids the decoders care about and values of any length and content. */
const randomParameterArb: fc.Arbitrary<Parameter> = fc
  .record({
    pid: fc.oneof(fc.constantFrom(...knownPids), fc.integer({ min: 0, max: 0xffff })),
    value: fc.uint8Array({ maxLength: 40 }),
  })
  .map((p) => ({ ...p, offset: BASE + 4 }));

function checkError(run: () => unknown, lo: number, hi: number): void {
  const r = attempt(run);
  if (!r.ok) {
    expect(r.error.offset).toBeGreaterThanOrEqual(lo);
    expect(r.error.offset).toBeLessThanOrEqual(hi);
  }
}

describe('discovery decoders are total', () => {
  it('random parameter lists give a value or a DecodeError', () => {
    fc.assert(
      fc.property(fc.array(randomParameterArb, { maxLength: 12 }), fc.boolean(), (params, le) => {
        const hi = BASE + 4 + 40 + 16;
        checkError(() => decodeParticipantData(params, le), 0, hi);
        checkError(() => decodeWriterData(params, le), 0, hi);
        checkError(() => decodeReaderData(params, le), 0, hi);
        checkError(() => decodeTopicData(params, le), 0, hi);
        checkError(() => decodeInlineQos(params, le), 0, hi);
        for (const p of params) {
          for (const codec of Object.values(QOS_POLICY_CODECS) as QosPolicyCodec<unknown>[]) checkError(() => decodeQosPolicy(codec, p, le), 0, hi);
        }
      }),
      { numRuns: 300 },
    );
  });

  const payloadArb = fc.oneof(
    participantDataArb.chain((d) => fc.boolean().map((le) => encodeParticipantDataPayload(d, le))),
    writerDataArb.chain((d) => fc.boolean().map((le) => encodeWriterDataPayload(d, le))),
    readerDataArb.chain((d) => fc.boolean().map((le) => encodeReaderDataPayload(d, le))),
    topicDataArb.chain((d) => fc.boolean().map((le) => encodeTopicDataPayload(d, le))),
  );

  /** Byte flips, a truncation, or a random splice: each keeps most of a valid payload's structure. */
  const mutatedArb = payloadArb.chain((b) =>
    fc.oneof(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
        const c = b.slice();
        for (const [i, v] of flips) c[i % c.length] = v;
        return c;
      }),
      fc.nat().map((n) => b.slice(0, n % (b.length + 1))),
      fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 12 })).map(([i, ins]) => {
        const at = i % (b.length + 1);
        return Uint8Array.from([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
      }),
    ),
  );

  it('mutated valid payloads give a value or a DecodeError inside the payload', () => {
    fc.assert(
      fc.property(mutatedArb, (b) => {
        const hi = BASE + b.length;
        checkError(() => decodeParticipantDataPayload(b, BASE), BASE, hi);
        checkError(() => decodeWriterDataPayload(b, BASE), BASE, hi);
        checkError(() => decodeReaderDataPayload(b, BASE), BASE, hi);
        checkError(() => decodeTopicDataPayload(b, BASE), BASE, hi);
        checkError(() => decodeBuiltinTopicKeyPayload(b, BASE), BASE, hi);
      }),
      { numRuns: 500 },
    );
  });

  it('random bytes give a value or a DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        checkError(() => decodeParticipantDataPayload(b, BASE, { guidPrefix: new Uint8Array(12), vendorId: 0x110, protocolVersion: { major: 2, minor: 5 } }), BASE, BASE + b.length);
        checkError(() => decodeWriterDataPayload(b, BASE), BASE, BASE + b.length);
      }),
    );
  });
});
