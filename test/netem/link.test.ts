import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainFor, Network, PacketKind, resolveParams, Simulator, type TraceRecord } from '../../netem/index.js';

interface LinkCase {
  bandwidthBps: number;
  delayNs: number;
  loss: number;
  jitterNs: number;
  reorder: boolean;
  queuePackets: number;
  sends: { at: number; size: number }[];
}

const linkCase = fc.record({
  bandwidthBps: fc.constantFrom(1e6, 1e8, 1e9, 1e10),
  delayNs: fc.integer({ min: 0, max: 5_000_000 }),
  loss: fc.constantFrom(0, 0.01, 0.3),
  jitterNs: fc.constantFrom(0, 1000, 100_000),
  reorder: fc.boolean(),
  queuePackets: fc.constantFrom(Infinity, 1, 5, 50),
  sends: fc.array(fc.record({ at: fc.integer({ min: 0, max: 2_000_000 }), size: fc.integer({ min: 28, max: 1500 }) }), { maxLength: 120 }),
});

/** Two hosts, one link, zero-cost stacks: every delay a packet sees is the link's. */
function run(c: LinkCase, seed: number, trace?: (r: TraceRecord) => void) {
  const params = resolveParams({ 'cpu.stack.perPacketNs': 0, 'cpu.stack.perByteNs': 0 });
  const sim = new Simulator(seed, trace);
  const net = new Network(sim, params);
  net.addNode('a');
  net.addNode('b');
  net.addLink({ a: 'a', b: 'b', bandwidthBps: c.bandwidthBps, delayNs: c.delayNs, mtu: 1500, queuePackets: c.queuePackets, loss: c.loss, jitterNs: c.jitterNs, reorder: c.reorder });
  const from = net.addEndpoint('A', 'a', chainFor('host', 'pod', params));
  const to = net.addEndpoint('B', 'b', chainFor('host', 'pod', params));
  const delivered: { sentAt: number; at: number; size: number; id: number }[] = [];
  to.listen(7, (p) => delivered.push({ sentAt: p.sentAt, at: sim.now, size: p.size, id: p.id }));
  for (const s of c.sends) sim.timer(s.at, () => net.send(from, to, 7, PacketKind.Udp, s.size, s.size - 28));
  const link = net.links[0]!;
  return { sim, delivered, link };
}

describe('link model', () => {
  it('never delivers before send + serialization + propagation, and never exceeds its bandwidth', () => {
    fc.assert(
      fc.property(linkCase, fc.nat(), (c, seed) => {
        const { sim, delivered, link } = run({ ...c, jitterNs: 0 }, seed);
        sim.run(Infinity);
        let lastFinish = -Infinity;
        for (const d of delivered) {
          const ser = link.serializationNs(d.size);
          const finish = d.at - c.delayNs;
          expect(d.at).toBeGreaterThanOrEqual(d.sentAt + ser + c.delayNs);
          // Frames leave one after the other: the next one needs its whole serialization time after the previous.
          expect(finish - lastFinish).toBeGreaterThanOrEqual(ser);
          lastFinish = finish;
        }
      }),
    );
  });

  it('with jitter, still never delivers early; without reordering, keeps FIFO order', () => {
    fc.assert(
      fc.property(linkCase, fc.nat(), (c, seed) => {
        const { sim, delivered, link } = run(c, seed);
        sim.run(Infinity);
        for (const d of delivered) expect(d.at).toBeGreaterThanOrEqual(d.sentAt + link.serializationNs(d.size) + c.delayNs);
        if (!c.reorder) for (let i = 1; i < delivered.length; i++) expect(delivered[i]!.id).toBeGreaterThan(delivered[i - 1]!.id);
      }),
    );
  });

  it('conserves packets: sent = delivered + dropped + in flight, at any instant', () => {
    fc.assert(
      fc.property(linkCase, fc.nat(), fc.integer({ min: 0, max: 4_000_000 }), (c, seed, stopAt) => {
        const { sim } = run(c, seed);
        sim.run(stopAt);
        const { sent, delivered, dropped } = sim.counters;
        // Packets in flight are exactly the scheduled packet events (timers still pending are the unsent ones).
        const unsentTimers = c.sends.filter((s) => s.at > stopAt).length;
        expect(sent - delivered - dropped).toBe(sim.pending - unsentTimers);
        sim.run(Infinity);
        expect(sim.counters.sent).toBe(c.sends.length);
        expect(sim.counters.delivered + sim.counters.dropped).toBe(c.sends.length);
      }),
    );
  });

  it('replays byte-identical event logs for the same seed', () => {
    fc.assert(
      fc.property(linkCase, fc.nat(), (c, seed) => {
        const a: TraceRecord[] = [];
        const b: TraceRecord[] = [];
        run(c, seed, (r) => a.push(r)).sim.run(Infinity);
        run(c, seed, (r) => b.push(r)).sim.run(Infinity);
        expect(b).toEqual(a);
      }),
      { numRuns: 30 },
    );
  });
});
