import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  GUIDPREFIX_UNKNOWN,
  guidPrefixEquals,
  guidPrefixToString,
  interpretMessage,
  locatorToString,
  udpv4Locator,
  type EntitySubmessage,
  type GuidPrefix,
  type Locator,
  type Time,
  type Transmit,
} from '../../rtps/index.js';
import { MessageAssembler } from '../../rtps/participant/message-assembler.js';
import { ackNackArb, dataArb, dataFragArb, gapArb, heartbeatArb, nackFragArb, timeArb } from '../wire/arbitraries.js';
import { normalizeSubmessage } from '../wire/normalize.js';

const OURS = new Uint8Array(12).fill(7);
const LOCATORS = [udpv4Locator('10.0.0.1', 7410), udpv4Locator('10.0.0.2', 7410), udpv4Locator('239.255.0.1', 7400)];
const PREFIXES = [new Uint8Array(12).fill(1), new Uint8Array(12).fill(2)];

interface Enqueued {
  readonly guidPrefix: GuidPrefix | undefined;
  readonly locators: Locator[];
  readonly submessage: EntitySubmessage;
  readonly timestamp: Time | undefined;
}

const entityArb: fc.Arbitrary<EntitySubmessage> = fc.oneof(dataArb, dataFragArb, heartbeatArb, ackNackArb, gapArb, nackFragArb);
const enqueuedArb: fc.Arbitrary<Enqueued> = fc.record({
  guidPrefix: fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }),
  locators: fc.subarray(LOCATORS, { minLength: 1 }),
  submessage: entityArb,
  timestamp: fc.option(timeArb, { nil: undefined }),
});

function encodedLength(sm: EntitySubmessage): number {
  const a = new MessageAssembler(OURS, 0x01fe, () => 1 << 20);
  a.enqueue('user', { locators: [LOCATORS[0]!] }, sm);
  const out: Transmit[] = [];
  a.flush(out);
  return out[0]!.bytes.length - 20;
}

describe('MessageAssembler (8.3.3 message assembly)', () => {
  it('never exceeds the limit, keeps per-locator order, and each submessage is read with its destination and timestamp', () => {
    fc.assert(
      fc.property(fc.array(enqueuedArb, { maxLength: 25 }), fc.integer({ min: 60, max: 600 }), (items, limit) => {
        const a = new MessageAssembler(OURS, 0x01fe, () => limit);
        for (const it of items) {
          a.enqueue('metatraffic', { ...(it.guidPrefix === undefined ? {} : { guidPrefix: it.guidPrefix }), locators: it.locators }, it.submessage, it.timestamp);
        }
        const out: Transmit[] = [];
        a.flush(out);
        const received = new Map<string, { sm: unknown; dst: string; ts: Time | undefined }[]>();
        for (const t of out) {
          expect(t.bytes.length).toBeLessThanOrEqual(limit);
          expect(t.source).toBe('metatraffic');
          const d = decodeMessage(t.bytes);
          expect(d.ok).toBe(true);
          if (!d.ok) return;
          expect(d.value.invalidTail).toBeUndefined();
          const list = received.get(locatorToString(t.destination)) ?? [];
          for (const { submessage, receiver } of interpretMessage(d.value, { localGuidPrefix: GUIDPREFIX_UNKNOWN })) {
            list.push({ sm: normalizeSubmessage(submessage), dst: guidPrefixToString(receiver.destGuidPrefix), ts: receiver.haveTimestamp ? receiver.timestamp : undefined });
          }
          received.set(locatorToString(t.destination), list);
        }
        let dropped = 0;
        for (const l of LOCATORS) {
          const expected = items
            .filter((it) => it.locators.includes(l))
            .filter((it) => {
              const fits = 20 + 16 + 12 + encodedLength(it.submessage) <= limit;
              return fits;
            });
          const got = received.get(locatorToString(l)) ?? [];
          // Everything that fits with the worst-case prelude must arrive, in order.
          const gotSms = got.map((g) => g.sm);
          let i = 0;
          for (const e of expected) {
            while (i < gotSms.length && JSON.stringify(gotSms[i], bigintJson) !== JSON.stringify(normalizeSubmessage(e.submessage), bigintJson)) i++;
            expect(i < gotSms.length).toBe(true);
            const g = got[i]!;
            expect(g.dst).toBe(guidPrefixToString(e.guidPrefix ?? GUIDPREFIX_UNKNOWN));
            if (e.submessage.kind === 'DATA' || e.submessage.kind === 'DATA_FRAG') expect(g.ts).toEqual(e.timestamp);
            i++;
          }
          dropped += items.filter((it) => it.locators.includes(l)).length - got.length;
        }
        expect(a.oversizeDrops).toBe(dropped);
      }),
      { numRuns: 200 },
    );
  });

  it('gathers large payloads: the parts reference them uncopied and join to the same, decodable datagram', () => {
    fc.assert(
      fc.property(fc.oneof(dataArb, dataFragArb), heartbeatArb, fc.integer({ min: 0, max: 6000 }), (sm, hb, n) => {
        const payload = new Uint8Array(n).map((_, i) => i & 0xff);
        const big: EntitySubmessage = sm.kind === 'DATA' ? { ...sm, serializedPayload: payload, dataFlag: true, keyFlag: false } : { ...sm, serializedPayload: payload };
        const a = new MessageAssembler(OURS, 0x01fe, () => 65_507);
        const dst = { guidPrefix: PREFIXES[0]!, locators: [LOCATORS[0]!] };
        a.enqueue('user', dst, big, { seconds: 1, fraction: 2 });
        a.enqueue('user', dst, hb);
        const out: Transmit[] = [];
        a.flush(out);
        const parts = out.flatMap((t) => t.parts ?? []);
        expect(parts.some((p) => p === payload)).toBe(n >= 1024);
        for (const t of out) {
          const joined = Buffer.concat(t.parts ?? []);
          expect(joined.equals(t.bytes)).toBe(true);
        }
        const kinds = out.flatMap((t) => {
          const d = decodeMessage(t.bytes);
          expect(d.ok && d.value.invalidTail).toBeUndefined();
          return d.ok ? d.value.submessages.map((x) => normalizeSubmessage(x)) : [];
        });
        const got = kinds.find((k) => (k as { kind: string }).kind === big.kind);
        expect(JSON.stringify(got, bigintJson)).toBe(JSON.stringify(normalizeSubmessage(big), bigintJson));
      }),
      { numRuns: 100 },
    );
  });

  it('packs a DATA and its HEARTBEAT into one datagram with one INFO_DST and one INFO_TS', () => {
    const a = new MessageAssembler(OURS, 0x01fe, () => 1472);
    const dst = { guidPrefix: PREFIXES[0]!, locators: [LOCATORS[0]!] };
    const data = fc.sample(dataArb, { seed: 1, numRuns: 1 })[0]!;
    const hb = fc.sample(heartbeatArb, { seed: 1, numRuns: 1 })[0]!;
    a.enqueue('user', dst, { ...data, serializedPayload: new Uint8Array(8), dataFlag: true, keyFlag: false }, { seconds: 1, fraction: 2 });
    a.enqueue('user', dst, hb);
    const out: Transmit[] = [];
    a.flush(out);
    expect(out).toHaveLength(1);
    const d = decodeMessage(out[0]!.bytes);
    expect(d.ok && d.value.submessages.map((s) => s.kind)).toEqual(['INFO_DST', 'INFO_TS', 'DATA', 'HEARTBEAT']);
    expect(d.ok && d.value.submessages[0]!.kind === 'INFO_DST' && guidPrefixEquals(d.value.submessages[0]!.guidPrefix, PREFIXES[0]!)).toBe(true);
  });
});

/** JSON with bigints, typed arrays and key order made canonical, so equal submessages stringify equally. */
function bigintJson(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array || v instanceof Uint32Array) return Array.from(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return v;
}
