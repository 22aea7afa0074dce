import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeReader, makeWriter, match, sampleIndex, samplePayload } from './fixtures.js';
import { PERFECT, SimNetwork } from './sim-network.js';

describe('fragment repair', () => {
  it('a lost DATA_FRAG is repaired by NACK_FRAG: only its fragments go out again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 201, max: 3000 }), fc.nat(), fc.boolean(), (size, pick, perSubmessage) => {
        const net = new SimNetwork(0, PERFECT);
        net.recording = true;
        // One fragment per DATA_FRAG, or as many as fit in a 500-octet datagram.
        const writer = makeWriter(net, { fragmentSize: 100, maxMessageSize: perSubmessage ? 500 : 250 });
        const reader = makeReader(net, 1);
        match(0, writer, reader);
        const fragments = Math.ceil(size / 100);
        const lost = (pick % fragments) + 1;
        let dropped: [number, number] | undefined;
        net.filter = (rec) => {
          const sm = rec.submessage;
          const hit = sm.kind === 'DATA_FRAG' && sm.fragmentStartingNum <= lost && lost < sm.fragmentStartingNum + sm.fragmentsInSubmessage;
          if (!hit || dropped !== undefined) return undefined;
          dropped = [sm.fragmentStartingNum, sm.fragmentsInSubmessage];
          return 'drop';
        };
        const sample = samplePayload(7, size);
        writer.write(0, sample);
        const firstBurst = net.sent.length;
        expect(net.runUntilQuiet(10_000_000_000)).toBe(true);
        expect(reader.history.take().map((s) => sampleIndex(s.data!))).toEqual([7]);
        const repairs = net.sent.slice(firstBurst).map((r) => r.submessage);
        const resent = repairs.filter((s) => s.kind === 'DATA_FRAG');
        // Exactly the fragments of the lost submessage come again; a NACK_FRAG asks for them unless nothing of the
        // sample arrived (then the ACKNACK asks for the whole change).
        // (A HEARTBEAT racing the repair may ask for it twice: the same fragments, never others.)
        expect(resent.length).toBeGreaterThan(0);
        for (const f of resent) expect([f.fragmentStartingNum, f.fragmentsInSubmessage]).toEqual(dropped);
        expect(repairs.some((s) => s.kind === 'NACK_FRAG')).toBe(dropped![1] < fragments);
        expect(writer.isAcknowledgedByAll()).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
