import { describe, expect, it } from 'vitest';
import {
  ByteWriter,
  decodeMessage,
  encodeMessage,
  EncodeError,
  type DecodedMessage,
  type Header,
  type Submessage,
} from '../../rtps/index.js';

const header: Header = {
  protocolVersion: { major: 2, minor: 5 },
  vendorId: 0x0110,
  guidPrefix: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
};
const data: Submessage = {
  kind: 'DATA', littleEndian: true, inlineQosFlag: false, dataFlag: true, keyFlag: false, nonStandardPayloadFlag: false,
  extraFlags: 0, readerId: 0, writerId: 0x00000102, writerSN: 7n, serializedPayload: Uint8Array.from([0, 1, 0, 0, 42, 0, 0, 0]),
};
const heartbeat: Submessage = {
  kind: 'HEARTBEAT', littleEndian: false, finalFlag: true, livelinessFlag: true, groupInfoFlag: false,
  readerId: 0, writerId: 0x00000102, firstSN: 1n, lastSN: 7n, count: 3,
};
const infoTsInvalid: Submessage = { kind: 'INFO_TS', littleEndian: true, invalidateFlag: true };

/** A message from raw submessages: [id, flags, octetsToNextHeader (LE if flags&1), ...body]. */
function raw(...subs: { id: number; flags: number; length?: number; body: number[] }[]): Uint8Array {
  const w = new ByteWriter(false);
  w.bytes(encodeMessage({ header, submessages: [] }));
  for (const s of subs) {
    w.u8(s.id).u8(s.flags);
    w.littleEndian = (s.flags & 1) === 1;
    w.u16(s.length ?? s.body.length);
    w.littleEndian = false;
    w.bytes(Uint8Array.from(s.body));
  }
  return w.finish();
}

function decoded(bytes: Uint8Array): DecodedMessage {
  const r = decodeMessage(bytes);
  if (!r.ok) throw r.error;
  return r.value;
}

function bodyOf(sm: Submessage): number[] {
  return [...encodeMessage({ header, submessages: [sm] }).subarray(24)];
}

describe('header (8.3.4.1, 9.4.4)', () => {
  it('rejects a short header, a wrong protocol and a newer major version, naming the field', () => {
    const good = encodeMessage({ header, submessages: [] });
    const short = decodeMessage(good.subarray(0, 19));
    expect(short.ok).toBe(false);
    const rtpx = good.slice();
    rtpx[3] = 0x58;
    const r1 = decodeMessage(rtpx);
    expect(!r1.ok && r1.error.field).toBe('Header.protocol');
    const v3 = good.slice();
    v3[4] = 3;
    const r2 = decodeMessage(v3);
    expect(!r2.ok && r2.error.field).toBe('Header.protocolVersion.major');
    expect(!r2.ok && r2.error.offset).toBe(4);
    // A newer minor version is fine: unknown parts are skipped, not fatal.
    const v29 = good.slice();
    v29[5] = 9;
    expect(decoded(v29).header.protocolVersion).toEqual({ major: 2, minor: 9 });
  });
});

describe('octetsToNextHeader (9.4.5.1.3)', () => {
  it('0 on a DATA means "to the end of the message"', () => {
    const body = bodyOf(data);
    const m = decoded(raw({ id: 0x15, flags: 0x05, length: 0, body }));
    expect(m.invalidTail).toBeUndefined();
    expect(m.submessages).toHaveLength(1);
    expect(m.submessages[0]).toMatchObject({ kind: 'DATA', writerSN: 7n });
    expect([...(m.submessages[0] as { serializedPayload: Uint8Array }).serializedPayload]).toEqual([0, 1, 0, 0, 42, 0, 0, 0]);
    // Re-encoding writes the exact length instead.
    expect(encodeMessage(m)[22]).toBe(body.length);
  });

  it('0 on INFO_TS and PAD means an empty body, and the next submessage follows at once', () => {
    const m = decoded(raw({ id: 0x09, flags: 0x03, length: 0, body: [] }, { id: 0x01, flags: 0x00, length: 0, body: [] }, { id: 0x07, flags: 0x06, body: bodyOf(heartbeat) }));
    expect(m.invalidTail).toBeUndefined();
    expect(m.submessages.map((s) => s.kind)).toEqual(['INFO_TS', 'PAD', 'HEARTBEAT']);
  });

  it('an INFO_TS of length 0 without the I flag has no room for its timestamp: invalid', () => {
    const m = decoded(raw({ id: 0x09, flags: 0x01, length: 0, body: [] }, { id: 0x07, flags: 0x06, body: bodyOf(heartbeat) }));
    expect(m.submessages).toHaveLength(0);
    expect(m.invalidTail?.field).toBe('INFO_TS.timestamp.seconds');
  });

  it('a length larger than the body needs is honoured: the extra octets are skipped', () => {
    const hb = bodyOf(heartbeat);
    const m = decoded(raw({ id: 0x07, flags: 0x06, body: [...hb, 9, 9, 9, 9, 9, 9, 9, 9] }, { id: 0x09, flags: 0x03, body: [] }));
    expect(m.invalidTail).toBeUndefined();
    expect(m.submessages.map((s) => s.kind)).toEqual(['HEARTBEAT', 'INFO_TS']);
    expect(m.submessages[0]).toEqual(heartbeat);
  });

  it('octetsToInlineQos larger than 16 is honoured: the payload starts where it says', () => {
    const body = bodyOf(data);
    body[2] = 20; // octetsToInlineQos, little-endian
    body.splice(20, 0, 0xee, 0xee, 0xee, 0xee);
    const m = decoded(raw({ id: 0x15, flags: 0x05, body }));
    expect(m.submessages[0]).toEqual(data);
  });

  it('a length past the end of the message invalidates the rest; earlier submessages are kept', () => {
    const hb = bodyOf(heartbeat);
    const m = decoded(raw({ id: 0x07, flags: 0x06, body: hb }, { id: 0x07, flags: 0x06, length: hb.length + 1, body: hb }));
    expect(m.submessages).toEqual([heartbeat]);
    expect(m.invalidTail?.field).toBe('SubmessageHeader.octetsToNextHeader');
    expect(m.invalidTail?.offset).toBe(20 + 4 + hb.length + 2);
  });

  it('a length too short for the contents names the field that does not fit, even with bytes after it', () => {
    const acknack: Submessage = {
      kind: 'ACKNACK', littleEndian: true, finalFlag: false, readerId: 0x107, writerId: 0x102,
      readerSNState: { bitmapBase: 1n, numBits: 64, bitmap: new Uint32Array(2) }, count: 1,
    };
    const body = bodyOf(acknack);
    // Announce 4 octets less: the count falls outside the submessage although the message goes on.
    const m = decoded(raw({ id: 0x06, flags: 0x01, length: body.length - 4, body }, { id: 0x07, flags: 0x06, body: bodyOf(heartbeat) }));
    expect(m.submessages).toEqual([]);
    expect(m.invalidTail?.field).toBe('ACKNACK.count');
    expect(m.invalidTail?.offset).toBe(24 + body.length - 4);
  });

  it('a truncated submessage header invalidates the rest', () => {
    const bytes = raw({ id: 0x07, flags: 0x06, body: bodyOf(heartbeat) });
    const m = decoded(Uint8Array.from([...bytes, 0x07, 0x00]));
    expect(m.submessages).toEqual([heartbeat]);
    expect(m.invalidTail?.field).toBe('SubmessageHeader');
  });

  it('encoding refuses an empty body that would read as "to the end of the message"', () => {
    const empty: Submessage = { kind: 'UNKNOWN', littleEndian: false, id: 0x80, flags: 0, body: new Uint8Array(0) };
    expect(() => encodeMessage({ header, submessages: [empty, heartbeat] })).toThrow(EncodeError);
    expect(decoded(encodeMessage({ header, submessages: [heartbeat, empty] })).submessages).toEqual([heartbeat, empty]);
  });
});

describe('unknown submessages (8.3.4.1)', () => {
  it('vendor-specific, security, HEADER_EXTENSION and unassigned ids are kept verbatim and skipped', () => {
    const hb = bodyOf(heartbeat);
    const bytes = raw(
      { id: 0x80, flags: 0xff, body: [1, 2, 3, 4, 5] },
      { id: 0x07, flags: 0x06, body: hb },
      { id: 0x31, flags: 0x01, body: [9, 9, 9, 9] },
      { id: 0x00, flags: 0x00, body: [7, 7, 7, 7] },
      { id: 0x02, flags: 0x01, body: [6, 6, 6, 6] },
      { id: 0x15, flags: 0x05, body: bodyOf(data) },
    );
    const m = decoded(bytes);
    expect(m.invalidTail).toBeUndefined();
    expect(m.submessages.map((s) => (s.kind === 'UNKNOWN' ? s.id : s.kind))).toEqual([0x80, 'HEARTBEAT', 0x31, 0x00, 0x02, 'DATA']);
    expect(m.submessages[0]).toMatchObject({ kind: 'UNKNOWN', flags: 0xff, littleEndian: true });
    expect([...(m.submessages[0] as { body: Uint8Array }).body]).toEqual([1, 2, 3, 4, 5]);
    expect(encodeMessage(m)).toEqual(bytes);
  });

  it('unknown flag bits of a known submessage are ignored', () => {
    const m = decoded(raw({ id: 0x07, flags: 0xf6, body: bodyOf(heartbeat) }));
    expect(m.submessages).toEqual([heartbeat]);
  });
});

describe('invalid submessages end the message (8.3.4.1, 8.3.7.x validity)', () => {
  const cases: [string, Submessage, string][] = [
    ['HEARTBEAT with firstSN 0', { ...heartbeat, firstSN: 0n, lastSN: 0n }, 'HEARTBEAT.firstSN'],
    ['HEARTBEAT with lastSN < firstSN - 1', { ...heartbeat, firstSN: 5n, lastSN: 3n }, 'HEARTBEAT.lastSN'],
    ['DATA with writerSN 0', { ...data, writerSN: 0n }, 'DATA.writerSN'],
    ['DATA with both D and K', { ...data, keyFlag: true }, 'DATA.flags'],
    [
      'GAP with gapStart 0',
      { kind: 'GAP', littleEndian: false, groupInfoFlag: false, filteredCountFlag: false, readerId: 0, writerId: 0, gapStart: 0n, gapList: { bitmapBase: 1n, numBits: 0, bitmap: new Uint32Array(0) } },
      'GAP.gapStart',
    ],
    [
      'ACKNACK with a 257-bit set',
      { kind: 'ACKNACK', littleEndian: true, finalFlag: false, readerId: 0, writerId: 0, readerSNState: { bitmapBase: 1n, numBits: 257, bitmap: new Uint32Array(9) }, count: 1 },
      'ACKNACK.readerSNState.numBits',
    ],
    [
      'DATA_FRAG with fragmentSize above sampleSize',
      { kind: 'DATA_FRAG', littleEndian: false, inlineQosFlag: false, keyFlag: false, nonStandardPayloadFlag: false, extraFlags: 0, readerId: 0, writerId: 0, writerSN: 1n, fragmentStartingNum: 1, fragmentsInSubmessage: 1, fragmentSize: 100, sampleSize: 10, serializedPayload: new Uint8Array(10) },
      'DATA_FRAG.fragmentSize',
    ],
    [
      'HEARTBEAT_FRAG with lastFragmentNum 0',
      { kind: 'HEARTBEAT_FRAG', littleEndian: false, readerId: 0, writerId: 0, writerSN: 1n, lastFragmentNum: 0, count: 1 },
      'HEARTBEAT_FRAG.lastFragmentNum',
    ],
  ];
  for (const [name, bad, field] of cases) {
    it(`${name}: kept before, dropped from there on, with the reason`, () => {
      const m = decoded(encodeMessage({ header, submessages: [infoTsInvalid, bad, heartbeat] }));
      expect(m.submessages).toEqual([infoTsInvalid]);
      expect(m.invalidTail?.field).toBe(field);
      expect(m.invalidTail?.offset).toBeGreaterThanOrEqual(24);
    });
  }
});
