import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeError, attempt } from '../../rtps/codec/decode-error.js';
import { decodeXcdr, deserializePayload, encodeXcdr } from '../../rtps/cdr/xcdr.js';
import { typeDescArb, typedValueArb } from './arbitraries.js';

const versionArb = fc.constantFrom(1 as const, 2 as const);

/** attempt() rethrows anything but a DecodeError, so a property failing here is a decoder bug. */
function total(decode: () => unknown): void {
  const r = attempt(decode);
  if (!r.ok) expect(r.error).toBeInstanceOf(DecodeError);
}

describe('XCDR decoders are total', () => {
  it('random bytes against random types: a value or a DecodeError', () => {
    fc.assert(
      fc.property(typeDescArb(3), fc.uint8Array({ maxLength: 96 }), versionArb, fc.boolean(), (type, bytes, version, littleEndian) => {
        total(() => decodeXcdr(type, bytes, { version, littleEndian }));
        total(() => deserializePayload(type, bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('valid encodings with corrupted, truncated or extended bytes: a value or a DecodeError', () => {
    fc.assert(
      fc.property(
        typedValueArb(3),
        versionArb,
        fc.boolean(),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
        fc.integer({ min: -8, max: 8 }),
        ({ type, value }, version, littleEndian, edits, resize) => {
          const opts = { version, littleEndian };
          const good = encodeXcdr(type, value, opts);
          const bad = new Uint8Array(Math.max(0, good.length + resize));
          bad.set(good.subarray(0, bad.length));
          for (const e of edits) if (bad.length > 0) bad[e.at % bad.length] = e.byte;
          total(() => decodeXcdr(type, bad, opts));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
