import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GUIDPREFIX_UNKNOWN,
  LOCATOR_INVALID,
  LOCATOR_PORT_INVALID,
  TIME_INVALID,
  interpretMessage,
  udpv4Locator,
  type Header,
  type RtpsMessage,
  type Submessage,
} from '../../rtps/index.js';
import { rtpsMessageArb } from './arbitraries.js';

const sender = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
const local = Uint8Array.from([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
const other = Uint8Array.from([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
const header: Header = { protocolVersion: { major: 2, minor: 4 }, vendorId: 0x0110, guidPrefix: sender };
const src = udpv4Locator('10.0.0.7', 7410);

const hb = (count: number): Submessage => ({
  kind: 'HEARTBEAT', littleEndian: true, finalFlag: false, livelinessFlag: false, groupInfoFlag: false,
  readerId: 0, writerId: 0x102, firstSN: 1n, lastSN: 0n, count,
});

describe('receiver state (8.3.4, 8.3.7.7-8.3.7.11)', () => {
  it('starts from the header and the source locator (table 8.16)', () => {
    const [first] = interpretMessage({ header, submessages: [hb(1)] }, { sourceLocator: src, localGuidPrefix: local });
    expect(first!.receiver).toEqual({
      sourceVersion: { major: 2, minor: 4 },
      sourceVendorId: 0x0110,
      sourceGuidPrefix: sender,
      destGuidPrefix: local,
      unicastReplyLocatorList: [{ kind: src.kind, port: LOCATOR_PORT_INVALID, address: src.address }],
      multicastReplyLocatorList: [{ kind: src.kind, port: LOCATOR_PORT_INVALID, address: new Uint8Array(16) }],
      haveTimestamp: false,
      timestamp: TIME_INVALID,
    });
  });

  it('INFO_DST, INFO_TS, INFO_SRC and INFO_REPLY change the state for what follows, in order', () => {
    const mcast = udpv4Locator('239.255.0.1', 7400);
    const msg: RtpsMessage = {
      header,
      submessages: [
        hb(1),
        { kind: 'INFO_DST', littleEndian: true, guidPrefix: other },
        { kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp: { seconds: 100, fraction: 5 } },
        hb(2),
        { kind: 'INFO_REPLY', littleEndian: false, multicastFlag: true, unicastLocatorList: [src], multicastLocatorList: [mcast] },
        hb(3),
        { kind: 'INFO_DST', littleEndian: true, guidPrefix: GUIDPREFIX_UNKNOWN },
        { kind: 'INFO_TS', littleEndian: true, invalidateFlag: true },
        hb(4),
        { kind: 'INFO_REPLY_IP4', littleEndian: true, multicastFlag: false, unicastLocator: { address: 0x0a000008, port: 9000 } },
        hb(5),
        { kind: 'INFO_SRC', littleEndian: true, unused: 0, protocolVersion: { major: 2, minor: 1 }, vendorId: 0x0101, guidPrefix: other },
        { kind: 'PAD', littleEndian: true, padding: new Uint8Array(0) },
        hb(6),
      ],
    };
    const out = interpretMessage(msg, { sourceLocator: src, localGuidPrefix: local });
    expect(out.map((o) => (o.submessage as { count: number }).count)).toEqual([1, 2, 3, 4, 5, 6]);
    const [s1, s2, s3, s4, s5, s6] = out.map((o) => o.receiver);
    expect(s1!.destGuidPrefix).toEqual(local);
    expect(s2).toMatchObject({ destGuidPrefix: other, haveTimestamp: true, timestamp: { seconds: 100, fraction: 5 } });
    expect(s3).toMatchObject({ unicastReplyLocatorList: [src], multicastReplyLocatorList: [mcast], haveTimestamp: true });
    // INFO_DST with GUIDPREFIX_UNKNOWN points back at the receiving participant; I clears the timestamp.
    expect(s4).toMatchObject({ destGuidPrefix: local, haveTimestamp: false, unicastReplyLocatorList: [src] });
    // INFO_REPLY_IP4 without M: the multicast list becomes empty.
    expect(s5!.unicastReplyLocatorList).toEqual([udpv4Locator('10.0.0.8', 9000)]);
    expect(s5!.multicastReplyLocatorList).toEqual([]);
    // INFO_SRC: a new source; reply locators reset to LOCATOR_INVALID and no timestamp.
    expect(s6).toMatchObject({
      sourceGuidPrefix: other,
      sourceVersion: { major: 2, minor: 1 },
      sourceVendorId: 0x0101,
      destGuidPrefix: local,
      unicastReplyLocatorList: [LOCATOR_INVALID],
      multicastReplyLocatorList: [LOCATOR_INVALID],
      haveTimestamp: false,
    });
  });

  it('an INFO_TS timestamp survives until INFO_SRC; the state never leaks back to earlier submessages', () => {
    const msg: RtpsMessage = {
      header,
      submessages: [
        { kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp: { seconds: 1, fraction: 0 } },
        hb(1),
        hb(2),
        { kind: 'INFO_SRC', littleEndian: true, unused: 0, protocolVersion: { major: 2, minor: 5 }, vendorId: 1, guidPrefix: other },
        hb(3),
      ],
    };
    const out = interpretMessage(msg);
    expect(out.map((o) => o.receiver.haveTimestamp)).toEqual([true, true, false]);
    expect(out[0]!.receiver).toBe(out[1]!.receiver);
    expect(out[0]!.receiver.sourceGuidPrefix).toEqual(sender);
    expect(out[0]!.receiver.destGuidPrefix).toEqual(GUIDPREFIX_UNKNOWN);
    expect(out[0]!.receiver.unicastReplyLocatorList).toEqual([]);
  });

  it('yields exactly the non-interpreter submessages, in order', () => {
    const interpreter = new Set(['INFO_DST', 'INFO_SRC', 'INFO_TS', 'INFO_REPLY', 'INFO_REPLY_IP4', 'PAD']);
    fc.assert(
      fc.property(rtpsMessageArb, (m) => {
        const out = interpretMessage(m);
        expect(out.map((o) => o.submessage)).toEqual(m.submessages.filter((s) => !interpreter.has(s.kind)));
      }),
    );
  });
});
