import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeMessage, encodeMessage, type Header, type RtpsMessage, type Submessage } from '../../rtps/index.js';
import { headerArb, rtpsMessageArb, submessageArbs } from './arbitraries.js';
import { normalizeSubmessage } from './normalize.js';

function decodeOk(bytes: Uint8Array) {
  const r = decodeMessage(bytes);
  if (!r.ok) throw r.error;
  expect(r.value.invalidTail).toBeUndefined();
  return r.value;
}

function withEndianness(sm: Submessage, littleEndian: boolean): Submessage {
  return sm.kind === 'UNKNOWN' ? sm : { ...sm, littleEndian };
}

describe('submessage round trip (9.4.5)', () => {
  for (const [kind, arb] of Object.entries(submessageArbs)) {
    it(`${kind}: decode(encode(x)) = x and re-encoding gives the same bytes, both endiannesses, first and last`, () => {
      fc.assert(
        fc.property(headerArb, arb as fc.Arbitrary<Submessage>, fc.boolean(), (header: Header, sm: Submessage, le: boolean) => {
          const one = withEndianness(sm, le);
          // Once alone (the last submessage), once followed by another, so both positions are exercised.
          for (const submessages of [[one], [one, one]]) {
            const bytes = encodeMessage({ header, submessages });
            const back = decodeOk(bytes);
            expect(back.submessages.map(normalizeSubmessage)).toEqual(submessages);
            expect(back.submessages[0]!.kind).toBe(kind);
            expect(back.submessages[0]!.littleEndian).toBe(one.littleEndian);
            expect(encodeMessage(back)).toEqual(bytes);
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('the E flag selects the byte order of the body (a HEARTBEAT count of 1)', () => {
    const header: Header = { protocolVersion: { major: 2, minor: 5 }, vendorId: 0x01fe, guidPrefix: new Uint8Array(12) };
    const hb = (littleEndian: boolean): Submessage => ({
      kind: 'HEARTBEAT', littleEndian, finalFlag: false, livelinessFlag: false, groupInfoFlag: false,
      readerId: 0, writerId: 0x000100c2, firstSN: 1n, lastSN: 0n, count: 1,
    });
    const be = encodeMessage({ header, submessages: [hb(false)] });
    const le = encodeMessage({ header, submessages: [hb(true)] });
    expect([...be.subarray(20, 24)]).toEqual([0x07, 0x00, 0x00, 28]);
    expect([...le.subarray(20, 24)]).toEqual([0x07, 0x01, 28, 0x00]);
    // The entity ids are byte order independent (9.3.1.2); the count is not.
    expect([...be.subarray(28, 32)]).toEqual([0x00, 0x01, 0x00, 0xc2]);
    expect([...le.subarray(28, 32)]).toEqual([0x00, 0x01, 0x00, 0xc2]);
    expect([...be.subarray(48, 52)]).toEqual([0, 0, 0, 1]);
    expect([...le.subarray(48, 52)]).toEqual([1, 0, 0, 0]);
  });
});

describe('message round trip (9.4.1)', () => {
  it('decode(encode(m)) = m and encode(decode(b)) = b for canonical b', () => {
    fc.assert(
      fc.property(rtpsMessageArb, (m: RtpsMessage) => {
        const bytes = encodeMessage(m);
        const back = decodeOk(bytes);
        expect(back.header).toEqual(m.header);
        expect(back.submessages.map(normalizeSubmessage)).toEqual(m.submessages);
        expect(encodeMessage(back)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('payloads and parameter values are views into the input, not copies', () => {
    fc.assert(
      fc.property(rtpsMessageArb, (m: RtpsMessage) => {
        const bytes = encodeMessage(m).slice();
        for (const sm of decodeOk(bytes).submessages) {
          if ((sm.kind === 'DATA' || sm.kind === 'DATA_FRAG') && sm.serializedPayload !== undefined) {
            expect(sm.serializedPayload.buffer).toBe(bytes.buffer);
          }
          if (sm.kind === 'DATA' || sm.kind === 'DATA_FRAG') {
            for (const p of sm.inlineQos ?? []) expect(p.value.buffer).toBe(bytes.buffer);
          }
          if (sm.kind === 'UNKNOWN') expect(sm.body.buffer).toBe(bytes.buffer);
        }
      }),
      { numRuns: 100 },
    );
  });
});
