import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteReader, ByteWriter, DecodeError, attempt } from '../../rtps/index.js';
import {
  readSequenceNumberSet,
  sequenceNumberSet,
  sequenceNumberSetHas,
  sequenceNumberSetMembers,
  writeSequenceNumberSet,
} from '../../rtps/types/number-set.js';

const snSet = fc
  .record({ base: fc.bigInt({ min: 1n, max: (1n << 62n) }), numBits: fc.integer({ min: 0, max: 256 }) })
  .chain(({ base, numBits }) =>
    fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, numBits - 1) }), { maxLength: numBits }).map((offs) =>
      sequenceNumberSet(base, numBits === 0 ? [] : offs.map((o) => base + BigInt(o)), numBits),
    ),
  );

describe('SequenceNumberSet (8.3.5.5, 9.4.2.6)', () => {
  it('round-trips in both endiannesses and keeps its members', () => {
    fc.assert(
      fc.property(snSet, fc.boolean(), (set, le) => {
        const w = new ByteWriter(le);
        writeSequenceNumberSet(w, set);
        const bytes = w.finish();
        expect(bytes.length).toBe(12 + 4 * Math.ceil(set.numBits / 32));
        const back = readSequenceNumberSet(new ByteReader(bytes, le), 'set');
        expect(back.bitmapBase).toBe(set.bitmapBase);
        expect(sequenceNumberSetMembers(back)).toEqual(sequenceNumberSetMembers(set));
        for (const sn of sequenceNumberSetMembers(set)) expect(sequenceNumberSetHas(back, sn)).toBe(true);
      }),
    );
  });

  it('rejects a base below 1 and more than 256 bits with a DecodeError naming the field', () => {
    const w = new ByteWriter(false);
    w.i32(0).u32(0).u32(0);
    const r1 = attempt(() => readSequenceNumberSet(new ByteReader(w.finish()), 'acknack.readerSNState'));
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.error).toBeInstanceOf(DecodeError);
      expect(r1.error.field).toBe('acknack.readerSNState.bitmapBase');
      expect(r1.error.offset).toBe(0);
    }
    const w2 = new ByteWriter(false);
    w2.i32(0).u32(1).u32(257);
    const r2 = attempt(() => readSequenceNumberSet(new ByteReader(w2.finish()), 's'));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.field).toBe('s.numBits');
  });
});
