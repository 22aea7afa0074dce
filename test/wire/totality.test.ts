import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ByteReader,
  DecodeError,
  EncodeError,
  decodeMessage,
  encodeMessage,
  readHeader,
  readSubmessageBody,
  zeroLengthMeansEmpty,
  type DecodedMessage,
  type Submessage,
} from '../../rtps/index.js';
import { rtpsMessageArb } from './arbitraries.js';
import { normalizeSubmessage } from './normalize.js';

const RTPS_2_5 = [0x52, 0x54, 0x50, 0x53, 2, 5, 0x01, 0xfe];

/** decodeMessage never throws; failures are DecodeErrors pointing inside the input. */
function decodeTotal(bytes: Uint8Array): DecodedMessage | undefined {
  const r = decodeMessage(bytes);
  if (!r.ok) {
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
    return undefined;
  }
  const tail = r.value.invalidTail;
  if (tail !== undefined) {
    expect(tail).toBeInstanceOf(DecodeError);
    expect(tail.offset).toBeGreaterThanOrEqual(0);
    expect(tail.offset).toBeLessThanOrEqual(bytes.length);
  }
  return r.value;
}

/**
 * What was decoded re-encodes (or is refused with an EncodeError, e.g. a last body over 64 KiB) and
 * decodes back to the same submessages. Parameter values not padded to 4 octets are padded on encoding
 * (9.4.2.11), so messages holding one are left out of the comparison.
 */
function checkReencodes(m: DecodedMessage): void {
  const unpadded = m.submessages.some(
    (sm) => (sm.kind === 'DATA' || sm.kind === 'DATA_FRAG') && (sm.inlineQos ?? []).some((p) => p.value.length % 4 !== 0),
  );
  let bytes: Uint8Array;
  try {
    bytes = encodeMessage(m);
  } catch (e) {
    expect(e).toBeInstanceOf(EncodeError);
    return;
  }
  const again = decodeMessage(bytes);
  expect(again.ok).toBe(true);
  if (!again.ok || unpadded) return;
  expect(again.value.invalidTail).toBeUndefined();
  expect(again.value.submessages.map(normalizeSubmessage)).toEqual(m.submessages.map(normalizeSubmessage));
}

type Mutation =
  | { op: 'flip'; at: number; xor: number }
  | { op: 'truncate'; at: number }
  | { op: 'u16'; at: number; value: number }
  | { op: 'u32'; at: number; value: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('u16' as const), at: fc.nat(), value: fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })) }),
  fc.record({ op: fc.constant('u32' as const), at: fc.nat(), value: fc.oneof(fc.constant(0xffffffff), fc.constant(0x7fffffff), fc.constant(257), fc.nat()) }),
);

function mutate(input: Uint8Array, ms: readonly Mutation[], headerOffsets: readonly number[]): Uint8Array {
  let b = input.slice();
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    switch (m.op) {
      case 'flip':
        b[at] = b[at]! ^ m.xor;
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'u16': {
        // Half of the time aim at an octetsToNextHeader, the field that drives the framing.
        const pos = headerOffsets.length > 0 && m.at % 2 === 0 ? headerOffsets[m.at % headerOffsets.length]! + 2 : at;
        if (pos + 2 <= b.length) new DataView(b.buffer).setUint16(pos, m.value, (b[pos - 1]! & 1) === 1);
        break;
      }
      case 'u32': {
        // Counts (numBits, numLocators, lengths) sit on 4-octet boundaries.
        const pos = at & ~3;
        if (pos + 4 <= b.length) new DataView(b.buffer).setUint32(pos, m.value, m.at % 2 === 0);
        break;
      }
    }
  }
  return b;
}

function submessageOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 20; pos + 4 <= bytes.length; ) {
    out.push(pos);
    pos += 4 + dv.getUint16(pos + 2, (bytes[pos + 1]! & 1) === 1);
  }
  return out;
}

describe('decodeMessage is total (never throws, never hangs)', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const m = decodeTotal(bytes);
        if (m !== undefined) checkReencodes(m);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.uint8Array({ maxLength: 300 }), (prefix, rest) => {
        const bytes = Uint8Array.from([...RTPS_2_5, ...prefix, ...rest]);
        const m = decodeTotal(bytes);
        expect(m).toBeDefined();
        checkReencodes(m!);
      }),
      { numRuns: 3000 },
    );
  });

  it('on valid messages with flipped bytes, truncations and inflated lengths and counts', () => {
    fc.assert(
      fc.property(rtpsMessageArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (msg, ms) => {
        const bytes = encodeMessage(msg);
        const m = decodeTotal(mutate(bytes, ms, submessageOffsets(bytes)));
        if (m !== undefined) checkReencodes(m);
      }),
      { numRuns: 3000 },
    );
  });

  it('a truncated valid message keeps every submessage that fits whole and drops the rest', () => {
    fc.assert(
      fc.property(rtpsMessageArb, fc.nat(), (msg, cut) => {
        const bytes = encodeMessage(msg);
        const offsets = [...submessageOffsets(bytes), bytes.length];
        const at = 20 + (cut % (bytes.length - 19));
        const m = decodeTotal(bytes.subarray(0, at))!;
        const whole = offsets.filter((o, i) => i > 0 && o <= at).length;
        // A cut inside the last submessage may still decode if that submessage ignores its tail;
        // everything before it is always kept.
        expect(m.submessages.length).toBeGreaterThanOrEqual(whole);
        expect(m.submessages.slice(0, whole).map(normalizeSubmessage)).toEqual(msg.submessages.slice(0, whole));
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * The obvious decoder: every body through a reader bounded at its end. decodeMessage reads bodies from the
 * message reader and falls back to this only on failure; both must agree on everything, errors included.
 */
function referenceDecode(bytes: Uint8Array): { submessages: Submessage[]; tail?: string } | undefined {
  const r = new ByteReader(bytes);
  try {
    readHeader(r);
  } catch {
    return undefined;
  }
  const submessages: Submessage[] = [];
  while (r.pos < bytes.length) {
    try {
      r.need(4, 'SubmessageHeader');
      const id = r.u8('id');
      const flags = r.u8('flags');
      r.littleEndian = (flags & 1) === 1;
      const n = r.u16('octetsToNextHeader');
      const length = n === 0 && !zeroLengthMeansEmpty(id) ? r.remaining : n;
      if (length > r.remaining) return { submessages, tail: `octetsToNextHeader@${r.pos - 2}` };
      submessages.push(readSubmessageBody(id, flags, r.sub(length, 'Submessage'), length));
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return { submessages, tail: `${e.field}@${e.offset}: ${e.reason}` };
    }
  }
  return { submessages };
}

describe('the fast body path agrees with bounded readers', () => {
  it('on mutated valid messages: same submessages, same invalidTail field, offset and reason', () => {
    fc.assert(
      fc.property(rtpsMessageArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (msg, ms) => {
        const encoded = encodeMessage(msg);
        const bytes = mutate(encoded, ms, submessageOffsets(encoded));
        const ref = referenceDecode(bytes);
        const got = decodeMessage(bytes);
        expect(got.ok).toBe(ref !== undefined);
        if (!got.ok || ref === undefined) return;
        expect(got.value.submessages).toEqual(ref.submessages);
        const tail = got.value.invalidTail;
        const gotTail =
          tail === undefined
            ? undefined
            : tail.field === 'SubmessageHeader.octetsToNextHeader'
              ? `octetsToNextHeader@${tail.offset}`
              : `${tail.field}@${tail.offset}: ${tail.reason}`;
        expect(gotTail).toEqual(ref.tail);
      }),
      { numRuns: 3000 },
    );
  });
});
