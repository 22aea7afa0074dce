import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeXcdr, deserializePayload, encapsulationFor, encodeXcdr, serializePayload } from '../../rtps/cdr/xcdr.js';
import type { TypeDesc } from '../../rtps/cdr/type-desc.js';
import { EXTENSIBILITIES, structArb, typeDescArb, typedValueArb, valueArb } from './arbitraries.js';

const versionArb = fc.constantFrom(1 as const, 2 as const);

describe('XCDR round trip (XTypes 7.4)', () => {
  it('decode(encode(v)) = v for random types, both versions, both endiannesses', () => {
    fc.assert(
      fc.property(typedValueArb(3), versionArb, fc.boolean(), ({ type, value }, version, littleEndian) => {
        const opts = { version, littleEndian };
        const bytes = encodeXcdr(type, value, opts);
        expect(decodeXcdr(type, bytes, opts)).toEqual(value);
      }),
      { numRuns: 600 },
    );
  });

  for (const extensibility of EXTENSIBILITIES) {
    it(`round-trips ${extensibility} structs through a SerializedPayload`, () => {
      const typed = structArb(typeDescArb(2), extensibility).chain((type) => valueArb(type).map((value) => ({ type, value })));
      fc.assert(
        fc.property(typed, versionArb, fc.boolean(), ({ type, value }, version, littleEndian) => {
          const payload = serializePayload(type, value, encapsulationFor(type, version, littleEndian));
          expect(payload.length % 4).toBe(0);
          expect(deserializePayload(type, payload)).toEqual(value);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('puts the bare encoding after the encapsulation header: alignment is relative to the body start', () => {
    fc.assert(
      fc.property(typedValueArb(2), versionArb, ({ type, value }, version) => {
        const body = encodeXcdr(type, value, { version, littleEndian: true });
        const payload = serializePayload(withFinal(type), { v: value }, encapsulationFor(withFinal(type), version, true));
        expect(payload.subarray(4, 4 + body.length)).toEqual(body);
      }),
      { numRuns: 100 },
    );
  });
});

const wrappers = new WeakMap<TypeDesc, TypeDesc>();
function withFinal(type: TypeDesc): TypeDesc {
  let w = wrappers.get(type);
  if (!w) {
    w = { kind: 'struct', name: 'W', extensibility: 'final', members: [{ name: 'v', type }] };
    wrappers.set(type, w);
  }
  return w;
}
