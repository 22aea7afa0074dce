import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeKeyHash, maxKeySerializedSize, serializeKey } from '../../rtps/cdr/key-hash.js';
import { int32, int64, key, member, octet, sequence, string, struct, uint32 } from '../../rtps/cdr/idl.js';
import { KeyedSeq, ShapeType } from '../../rtps/cdr/known-types.js';
import { valueArb } from './arbitraries.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));

describe('KeyHash (RTPS 9.6.4.8, XTypes 7.6.8)', () => {
  it('KeyedSeq keyval 7: the big-endian key zero-padded to 16', () => {
    expect(maxKeySerializedSize(KeyedSeq)).toBe(4);
    expect(computeKeyHash(KeyedSeq, { seq: 99, keyval: 7, baggage: new Uint8Array(500) })).toEqual(hex('00000007 00000000 00000000 00000000'));
  });

  it('any KeyedSeq: keyval big-endian then 12 zeros', () => {
    fc.assert(
      fc.property(valueArb(KeyedSeq), (v) => {
        const keyval = (v as { keyval: number }).keyval;
        const expected = new Uint8Array(16);
        new DataView(expected.buffer).setUint32(0, keyval, false);
        expect(computeKeyHash(KeyedSeq, v)).toEqual(expected);
      }),
    );
  });

  it('ShapeType "BLUE": string<128> can exceed 16 octets, so MD5 of the serialized key', () => {
    expect(maxKeySerializedSize(ShapeType)).toBe(4 + 128 + 1);
    const shape = { color: 'BLUE', x: 1, y: 2, shapesize: 30 };
    expect(serializeKey(ShapeType, shape)).toEqual(hex('00000005 424c5545 00'));
    // md5(00000005 424c5545 00), computed independently with Python's hashlib.
    expect(computeKeyHash(ShapeType, shape)).toEqual(hex('cac217c318363f8ef1160eeedef9e886'));
  });

  it('orders key members by member id and drops the others', () => {
    const T = struct('T', [member('a', int32, { id: 9 }), key('b', octet, { id: 5 }), key('c', uint32, { id: 1 })], { extensibility: 'mutable' });
    expect(computeKeyHash(T, { a: 1, b: 2, c: 3 })).toEqual(hex('00000003 02 000000 00000000 00000000'));
  });

  it('serializes in the requested XCDR version: int64 alignment differs', () => {
    const T = struct('T', [key('a', int32), key('b', int64)]);
    const v = { a: 1, b: 2n };
    expect(maxKeySerializedSize(T, 2)).toBe(12);
    expect(maxKeySerializedSize(T, 1)).toBe(16);
    expect(computeKeyHash(T, v, 2)).toEqual(hex('00000001 00000000 00000002 00000000'));
    expect(computeKeyHash(T, v, 1)).toEqual(hex('00000001 00000000 00000000 00000002'));
  });

  it('a nested struct without keys contributes all its members; a keyless type hashes to zeros', () => {
    const Inner = struct('Inner', [member('x', int32), member('y', int32)], { extensibility: 'appendable' });
    const Outer = struct('Outer', [key('in', Inner), member('z', int32)]);
    expect(computeKeyHash(Outer, { in: { x: 1, y: 2 }, z: 3 })).toEqual(hex('00000001 00000002 00000000 00000000'));
    expect(computeKeyHash(struct('K', [member('x', int32)]), { x: 1 })).toEqual(new Uint8Array(16));
  });

  it('unbounded keys always take MD5; equal keys give equal hashes whatever the other members', () => {
    const T = struct('T', [key('name', string()), member('payload', sequence(octet))]);
    expect(maxKeySerializedSize(T)).toBe(Infinity);
    fc.assert(
      fc.property(valueArb(T), valueArb(T), (a, b) => {
        const ka = computeKeyHash(T, a);
        const kb = computeKeyHash(T, { ...(b as object), name: (a as { name: string }).name });
        expect(ka).toHaveLength(16);
        expect(kb).toEqual(ka);
      }),
    );
  });
});
