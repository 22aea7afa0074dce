import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError } from '../../rtps/codec/decode-error.js';
import { Encapsulation } from '../../rtps/cdr/encapsulation.js';
import { array, boolean, enumeration, int16, int32, int64, key, member, octet, optional, sequence, string, struct, union, unionCase } from '../../rtps/cdr/idl.js';
import { KeyedSeq, ShapeType } from '../../rtps/cdr/known-types.js';
import { hashMemberId } from '../../rtps/cdr/member-id.js';
import { decodeXcdr, deserializePayload, encodeXcdr, serializePayload, writeSerializedPayload } from '../../rtps/cdr/xcdr.js';
import { ByteWriter } from '../../rtps/codec/byte-writer.js';
import type { TypeDesc } from '../../rtps/cdr/type-desc.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
const LE1 = { version: 1, littleEndian: true } as const;
const LE2 = { version: 2, littleEndian: true } as const;
const BE1 = { version: 1, littleEndian: false } as const;

function expectDecodeError(fn: () => unknown, field: string, offset?: number): DecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    const d = e as DecodeError;
    expect(d.field).toBe(field);
    if (offset !== undefined) expect(d.offset).toBe(offset);
    return d;
  }
  throw new Error('expected a DecodeError');
}

function expectEncodeError(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EncodeError);
    expect((e as EncodeError).field).toBe(field);
    return;
  }
  throw new Error('expected an EncodeError');
}

function vector(type: TypeDesc, value: unknown, opts: { version: 1 | 2; littleEndian: boolean }, bytes: string): void {
  const expected = hex(bytes);
  expect(encodeXcdr(type, value, opts)).toEqual(expected);
  expect(decodeXcdr(type, expected, opts)).toEqual(value);
}

describe('final struct alignment (XTypes 7.4.1.1.1, 7.4.2)', () => {
  const S = struct('S', [member('a', octet), member('b', int64), member('c', int16)]);
  const v = { a: 1, b: 0x0102030405060708n, c: -2 };

  it('XCDR1 aligns int64 to 8', () => {
    vector(S, v, LE1, '01 000000 00000000  0807060504030201  feff');
    vector(S, v, BE1, '01 000000 00000000  0102030405060708  fffe');
  });

  it('XCDR2 aligns int64 to 4 only', () => {
    vector(S, v, LE2, '01 000000  0807060504030201  feff');
  });

  it('counts alignment from the end of the encapsulation header and pads the payload to 4 in the options', () => {
    const payload = serializePayload(S, v, Encapsulation.CDR_LE);
    expect(payload).toEqual(hex('0001 0002  01 000000 00000000  0807060504030201  feff  0000'));
    expect(deserializePayload(S, payload)).toEqual(v);
  });
});

describe('appendable struct (DHEADER, 7.4.3.5.3)', () => {
  const shape = { color: 'BLUE', x: 1, y: 2, shapesize: 30 };

  it('XCDR2: DHEADER then the members', () => {
    vector(ShapeType, shape, LE2, '18000000  05000000 424c5545 00 000000  01000000 02000000 1e000000');
    expect(serializePayload(ShapeType, shape, Encapsulation.D_CDR2_LE)).toEqual(
      hex('0015 0000  18000000  05000000 424c5545 00 000000  01000000 02000000 1e000000'),
    );
  });

  it('XCDR1: same as final', () => {
    vector(ShapeType, shape, LE1, '05000000 424c5545 00 000000  01000000 02000000 1e000000');
  });

  it('gives members missing at the end of the DHEADER their default (an older peer)', () => {
    expect(decodeXcdr(ShapeType, hex('09000000  05000000 424c5545 00'), LE2)).toEqual({ color: 'BLUE', x: 0, y: 0, shapesize: 0 });
  });

  it('an older peer’s DHEADER may count trailing padding', () => {
    expect(decodeXcdr(ShapeType, hex('0c000000  05000000 424c5545 00 000000'), LE2)).toEqual({ color: 'BLUE', x: 0, y: 0, shapesize: 0 });
  });

  it('skips members appended by a newer peer', () => {
    expect(decodeXcdr(ShapeType, hex('1c000000  05000000 424c5545 00 000000  01000000 02000000 1e000000 ffffffff'), LE2)).toEqual(shape);
  });
});

const M = struct('M', [key('k', int32), member('b', octet), member('c', int64), member('s', string()), member('h', int16)], { extensibility: 'mutable' });
const mValue = { k: 7, b: 0xab, c: 1n, s: 'hi', h: -1 };

describe('collections (7.4.3.5.3)', () => {
  it('XCDR2 puts a DHEADER before collections of non-primitive elements, enums included', () => {
    vector(sequence(int16), [1, 2], LE2, '02000000 0100 0200');
    vector(sequence(enumeration('E', ['A', 'B'], 8)), [1, 0], LE2, '06000000 02000000 01 00');
    vector(array(string(), 2), ['a', ''], LE2, '0d000000 02000000 6100 0000 01000000 00');
    vector(array(string(), 2), ['a', ''], LE1, '02000000 6100 0000 01000000 00');
  });

  it('multi-dimensional arrays: row-major, one DHEADER', () => {
    vector(array(int16, 2, 2), [[1, 2], [3, 4]], LE2, '0100 0200 0300 0400');
    vector(array(octet, 2, 3), [hex('010203'), hex('040506')], LE2, '010203 040506');
  });
});

describe('mutable struct, XCDR2 (EMHEADER1, 7.4.3.4.3)', () => {
  it('LC 0..3 for primitives, LC 4 + NEXTINT otherwise, M flag on keys', () => {
    vector(
      M,
      mValue,
      LE2,
      `32000000
       000000a0 07000000
       01000000 ab 000000
       02000030 01000000 00000000
       03000040 07000000 03000000 686900 00
       04000010 ffff`,
    );
  });

  const Inner = struct('Inner', [member('x', int32)], { extensibility: 'appendable' });
  const L = struct('L', [member('a', sequence(int32)), member('b', Inner), member('c', sequence(int64))], { extensibility: 'mutable' });
  const lBytes = (unknownHeader: string) =>
    hex(`34000000
         00000060 02000000 0a000000 0b000000
         01000050 04000000 2a000000
         02000070 01000000 05000000 00000000
         ${unknownHeader} deadbeef`);

  it('reads LC 5, 6, 7 (NEXTINT is the member’s own leading length) and skips unknown members', () => {
    expect(decodeXcdr(L, lBytes('09000020'), LE2)).toEqual({ a: [10, 11], b: { x: 42 }, c: [5n] });
  });

  it('rejects an unknown member flagged must-understand', () => {
    expectDecodeError(() => decodeXcdr(L, lBytes('090000a0'), LE2, 100), 'L.emheader', 148);
  });
});

describe('mutable struct, XCDR1 (PL_CDR, 7.4.1.2)', () => {
  it('short member headers, values aligned from their own start, PID_LIST_END', () => {
    vector(
      M,
      mValue,
      LE1,
      `0040 0400 07000000
       0100 0100 ab 000000
       0200 0800 01000000 00000000
       0300 0700 03000000 686900 00
       0400 0200 ffff 0000
       023f 0000`,
    );
    expect(serializePayload(M, mValue, Encapsulation.PL_CDR_LE).subarray(0, 4)).toEqual(hex('0003 0000'));
  });

  it('PID_EXTENDED for member ids above 0x3f00', () => {
    const X = struct('X', [member('v', int32, { id: 0x3f01 })], { extensibility: 'mutable' });
    vector(X, { v: 5 }, LE1, '013f 0800 013f0000 04000000 05000000  023f 0000');
  });

  it('PID_EXTENDED for values longer than 0xffff', () => {
    const X = struct('X', [member('v', sequence(octet))], { extensibility: 'mutable' });
    const v = new Uint8Array(70000).fill(7);
    const bytes = encodeXcdr(X, { v }, LE1);
    expect(bytes.subarray(0, 16)).toEqual(hex('013f 0800 00000000 74110100 70110100'));
    expect(bytes.subarray(bytes.length - 4)).toEqual(hex('023f 0000'));
    expect(decodeXcdr(X, bytes, LE1)).toEqual({ v });
  });

  it('skips unknown members, rejects unknown must-understand ones', () => {
    const known = '0040 0400 07000000';
    expect(decodeXcdr(M, hex(`${known} 0900 0400 ffffffff 023f 0000`), LE1)).toEqual({ k: 7, b: 0, c: 0n, s: '', h: 0 });
    expectDecodeError(() => decodeXcdr(M, hex(`${known} 0940 0400 ffffffff 023f 0000`), LE1), 'M.pid', 8);
  });

  it('a list without PID_LIST_END is truncated', () => {
    expectDecodeError(() => decodeXcdr(M, hex('0040 0400 07000000'), LE1), 'M.pid', 8);
  });
});

describe('optional members (7.4.1.2.1, 7.4.3.5.3)', () => {
  const O = struct('O', [member('a', int32), optional('b', int16), member('c', int32)]);

  it('XCDR2: a presence flag', () => {
    vector(O, { a: 1, b: 5, c: 3 }, LE2, '01000000 01 00 0500 03000000');
    vector(O, { a: 1, b: undefined, c: 3 }, LE2, '01000000 00 000000 03000000');
  });

  it('XCDR1: a member header, of length 0 when absent', () => {
    vector(O, { a: 1, b: 5, c: 3 }, LE1, '01000000 0100 0200 0500 0000 03000000');
    vector(O, { a: 1, b: undefined, c: 3 }, LE1, '01000000 0100 0000 03000000');
  });

  it('mutable: an absent member is not sent', () => {
    const MO = struct('MO', [optional('a', int32), member('b', octet)], { extensibility: 'mutable' });
    vector(MO, { a: undefined, b: 2 }, LE2, '05000000 01000000 02');
    vector(MO, { a: undefined, b: 2 }, LE1, '0100 0100 02 000000 023f 0000');
  });
});

describe('union (7.4.1.1.10)', () => {
  const U = union('U', int16, [unionCase('big', int64, [1]), unionCase('s', string(), [2, 3]), unionCase('o', octet, [], true)]);

  it('discriminator then the selected member, in each version', () => {
    vector(U, { discriminator: 1, value: 0x1122334455667788n }, LE1, '0100 000000000000 8877665544332211');
    vector(U, { discriminator: 1, value: 0x1122334455667788n }, LE2, '0100 0000 8877665544332211');
    vector(U, { discriminator: 3, value: 'x' }, LE2, '0300 0000 02000000 7800');
    vector(U, { discriminator: 9, value: 255 }, LE2, '0900 ff');
  });

  it('appendable: a DHEADER in XCDR2', () => {
    const A = union('A', int16, U.cases, 'appendable');
    vector(A, { discriminator: 9, value: 255 }, LE2, '03000000 0900 ff');
    vector(A, { discriminator: 9, value: 255 }, LE1, '0900 ff');
  });

  it('no member when nothing is selected', () => {
    const N = union('N', boolean, [unionCase('t', int32, [true])]);
    vector(N, { discriminator: false, value: undefined }, LE2, '00');
    vector(N, { discriminator: true, value: 9 }, LE2, '01 000000 09000000');
    expectEncodeError(() => encodeXcdr(N, { discriminator: false, value: 1 }, LE2), 'N.discriminator');
  });

  it('rejects values that do not fit', () => {
    expectEncodeError(() => encodeXcdr(U, { discriminator: 1, value: 'x' }, LE2), 'U.big');
    expectEncodeError(() => encodeXcdr(U, { discriminator: 70000, value: 1 }, LE2), 'U.discriminator');
    expectEncodeError(() => encodeXcdr(U, 3, LE2), 'U');
  });
});

describe('values that do not fit their type are EncodeErrors', () => {
  it('string over its bound, integer out of range, missing member, wrong representation', () => {
    const shape = { color: 'BLUE', x: 1, y: 2, shapesize: 30 };
    expectEncodeError(() => encodeXcdr(ShapeType, { ...shape, color: 'x'.repeat(129) }, LE2), 'ShapeType.color');
    expectEncodeError(() => encodeXcdr(ShapeType, { ...shape, x: 2 ** 31 }, LE2), 'ShapeType.x');
    expectEncodeError(() => encodeXcdr(ShapeType, { ...shape, y: 1.5 }, LE2), 'ShapeType.y');
    expectEncodeError(() => encodeXcdr(ShapeType, { color: 'BLUE', x: 1, y: 2 }, LE2), 'ShapeType.shapesize');
    expectEncodeError(() => encodeXcdr(KeyedSeq, { seq: 1, keyval: 2, baggage: [1, 2] }, LE2), 'KeyedSeq.baggage');
    expectEncodeError(() => encodeXcdr(KeyedSeq, { seq: 1, keyval: -1, baggage: new Uint8Array() }, LE2), 'KeyedSeq.keyval');
    expectEncodeError(() => encodeXcdr(sequence(int32, 2), [1, 2, 3], LE2), 'sequence');
    expectEncodeError(() => encodeXcdr(string(), 'a\0b', LE2), 'string');
    expectEncodeError(() => encodeXcdr(int64, 1, LE2), 'int64');
  });

  it('the encapsulation must fit the type', () => {
    expectEncodeError(() => serializePayload(M, mValue, Encapsulation.CDR2_LE), 'encapsulation');
  });
});

describe('malformed bytes are DecodeErrors naming offset and field', () => {
  it('a sequence length of 4 000 000 000 is an error, not an allocation', () => {
    const payload = hex('0010 0000  00000001 00000007 ee6b2800');
    // The error points at the length field itself: 4 (encapsulation) + 4 (seq) + 4 (keyval).
    expectDecodeError(() => deserializePayload(KeyedSeq, payload), 'KeyedSeq.baggage.length', 12);
    expectDecodeError(() => decodeXcdr(KeyedSeq, payload.subarray(4), { version: 2, littleEndian: false }, 40), 'KeyedSeq.baggage.length', 48);
  });

  it('string over its bound, missing NUL, bad boolean, bad enum', () => {
    expectDecodeError(() => decodeXcdr(string(2), hex('04000000 61626300'), LE2), 'string.length', 0);
    expectDecodeError(() => decodeXcdr(string(), hex('03000000 616263'), LE2), 'string', 6);
    expectDecodeError(() => decodeXcdr(boolean, hex('02'), LE2), 'boolean', 0);
    expectDecodeError(() => decodeXcdr(ShapeType, hex('18000000 05000000'), LE2), 'ShapeType.dheader', 4);
  });

  it('padding announced in the options beyond the body', () => {
    expectDecodeError(() => deserializePayload(int16, hex('0011 0003 0100')), 'encapsulation.options', 2);
  });
});

describe('writeSerializedPayload', () => {
  it('writes the same payload into another writer, aligned from its own body start, and restores endianness', () => {
    const S = struct('S', [member('a', octet), member('b', int64)]);
    const v = { a: 1, b: 2n };
    const w = new ByteWriter(false);
    w.u8(0xee);
    writeSerializedPayload(w, S, v, Encapsulation.CDR_LE);
    expect(w.littleEndian).toBe(false);
    expect(w.finish()).toEqual(hex('ee  0001 0000  01 000000 00000000 0200000000000000'));
    expect(deserializePayload(S, w.finish().subarray(1), 1)).toEqual(v);
  });
});

describe('zero copy', () => {
  it('an octet sequence decodes as a view into the payload', () => {
    const baggage = new Uint8Array(50_000).map((_, i) => i & 0xff);
    const payload = serializePayload(KeyedSeq, { seq: 1, keyval: 2, baggage }, Encapsulation.CDR2_LE);
    const v = deserializePayload(KeyedSeq, payload) as { baggage: Uint8Array };
    expect(v.baggage).toEqual(baggage);
    expect(v.baggage.buffer).toBe(payload.buffer);
    expect(v.baggage.byteOffset).toBe(payload.byteOffset + 16);
  });
});

describe('member ids (7.3.1.2.1)', () => {
  it('@hashid is MD5(name)[0..3] little-endian, masked to 28 bits', () => {
    // md5("color") = 70dda5df..., so 0xdfa5dd70 & 0x0fffffff.
    expect(hashMemberId('color')).toBe(0x0fa5dd70);
  });

  it('@autoid(SEQUENTIAL) continues after an explicit @id', () => {
    const T = struct('T', [member('a', octet, { id: 5 }), member('b', octet)], { extensibility: 'mutable' });
    vector(T, { a: 1, b: 2 }, LE2, '0d000000 05000000 01 000000 06000000 02');
  });
});
