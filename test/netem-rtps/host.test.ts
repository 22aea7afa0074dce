import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainFor, Network, resolveParams, Simulator, UdpNetwork } from '../../netem/index.js';
import { AddressBook } from '../../netem/rtps/address-book.js';
import { SimHost, type HostCosts, type HostImpairments } from '../../netem/rtps/host.js';
import type { UdpDatagramInput } from '../../netem/pcap/udp-frame.js';
import { locatorIpv4, udpv4Locator, type Locator, type ParticipantDriver, type Transmit } from '../../rtps/index.js';

interface Received {
  readonly now: number;
  readonly bytes: Uint8Array;
  readonly source: Locator | undefined;
  readonly via: 'metatraffic' | 'user';
}

/** A scripted ParticipantDriver: sends what the test queues, records what it is handed. */
class FakeDriver implements ParticipantDriver<string> {
  readonly received: Received[] = [];
  readonly timeouts: number[] = [];
  readonly nows: number[] = [];
  readonly transmits: Transmit[] = [];
  readonly events: string[] = [];
  deadline: number | undefined;
  onTimeout: (now: number) => void = () => undefined;
  handleDatagram(now: number, bytes: Uint8Array, source: Locator | undefined, via: 'metatraffic' | 'user'): void {
    this.nows.push(now);
    this.received.push({ now, bytes, source, via });
  }
  handleTimeout(now: number): void {
    this.nows.push(now);
    this.timeouts.push(now);
    this.onTimeout(now);
  }
  pollTransmit(): Transmit | undefined {
    return this.transmits.shift();
  }
  pollTimeout(): number | undefined {
    return this.deadline;
  }
  pollEvent(): string | undefined {
    return this.events.shift();
  }
}

const PORTS = { metatraffic: 7410, user: 7411 };
const IP_A = '10.0.1.2';
const IP_B = '10.0.2.2';

function pair(o: { seed?: number; costs?: HostCosts; impairments?: HostImpairments; capture?: (d: UdpDatagramInput) => void; load?: number } = {}) {
  const params = resolveParams();
  const sim = new Simulator(o.seed ?? 1);
  const net = new Network(sim, params);
  net.addNode('n1', 4, o.load ?? 0);
  net.addNode('n2', 4, 0);
  net.addLink({ a: 'n1', b: 'n2', bandwidthBps: 1e9, delayNs: 20_000, mtu: 1500, queuePackets: Infinity, loss: 0, jitterNs: 0, reorder: false });
  const udp = new UdpNetwork(net);
  const book = new AddressBook();
  book.add(IP_A, 'a');
  book.add(IP_B, 'b');
  const events: { e: string; now: number }[] = [];
  const mk = (name: string, node: string) =>
    new SimHost<string>({
      sim,
      udp,
      endpoint: net.addEndpoint(name, node, chainFor('bridge', 'pod', params)),
      book,
      ports: PORTS,
      costs: name === 'a' ? o.costs : undefined,
      impairments: name === 'a' ? o.impairments : undefined,
      onEvent: (e, now) => events.push({ e, now }),
      capture: name === 'a' ? o.capture : undefined,
    });
  const ha = mk('a', 'n1');
  const hb = mk('b', 'n2');
  const da = new FakeDriver();
  const db = new FakeDriver();
  ha.attach(da);
  hb.attach(db);
  return { sim, ha, hb, da, db, events };
}

const tx = (via: 'metatraffic' | 'user', ip: string, bytes: Uint8Array): Transmit => ({ destination: udpv4Locator(ip, PORTS[via]), source: via, bytes });

const sendArb = fc.record({
  at: fc.integer({ min: 0, max: 2_000_000 }),
  size: fc.integer({ min: 1, max: 1472 }),
  via: fc.constantFrom<'metatraffic' | 'user'>('metatraffic', 'user'),
});
const costsArb = fc.record({
  rxPerDatagramNs: fc.integer({ min: 0, max: 50_000 }),
  rxPerByteNs: fc.double({ min: 0, max: 2, noNaN: true }),
  txPerDatagramNs: fc.integer({ min: 0, max: 50_000 }),
  txPerByteNs: fc.double({ min: 0, max: 2, noNaN: true }),
  timerNs: fc.integer({ min: 0, max: 10_000 }),
});

describe('SimHost drives a ParticipantDriver from virtual time', () => {
  it('delivers every transmit once, in order per socket, to the socket it names, from the sending socket, with now never going back', () => {
    fc.assert(
      fc.property(fc.array(sendArb, { maxLength: 30 }), costsArb, fc.double({ min: 0, max: 0.9, noNaN: true }), (sends, costs, load) => {
        const { sim, ha, da, db } = pair({ costs, load });
        const sorted = [...sends].sort((x, y) => x.at - y.at);
        sorted.forEach((s, i) => {
          sim.timer(s.at, () => {
            const bytes = new Uint8Array(s.size).fill(i & 0xff);
            da.transmits.push(tx(s.via, IP_B, bytes));
            ha.submit(0, () => undefined);
          });
        });
        sim.run(1e9);
        // Each destination port is its own flow (own cores on each node), so order holds per socket, not across them.
        for (const via of ['metatraffic', 'user'] as const)
          expect(db.received.filter((r) => r.via === via).map((r) => [r.bytes.length, r.bytes[0]])).toEqual(
            sorted.flatMap((s, i) => (s.via === via ? [[s.size, i & 0xff]] : [])),
          );
        for (const r of db.received) {
          expect(locatorIpv4(r.source!)).toBe(IP_A);
          expect(r.source!.port).toBe(PORTS[r.via]);
        }
        for (const d of [da, db]) for (let i = 1; i < d.nows.length; i++) expect(d.nows[i]!).toBeGreaterThanOrEqual(d.nows[i - 1]!);
      }),
      { numRuns: 60 },
    );
  });

  it('charges the DDS process CPU: send cost (scaled by background load) delays the datagram, receive cost delays its handling', () => {
    const base = pair();
    base.da.transmits.push(tx('user', IP_B, new Uint8Array(1000)));
    base.ha.submit(0, () => undefined);
    base.sim.run(1e9);
    const t0 = base.db.received[0]!.now;
    const costs = { rxPerDatagramNs: 0, rxPerByteNs: 0, txPerDatagramNs: 10_000, txPerByteNs: 1, timerNs: 0 };
    const slow = pair({ costs, load: 0.5 });
    slow.da.transmits.push(tx('user', IP_B, new Uint8Array(1000)));
    slow.ha.submit(0, () => undefined);
    slow.sim.run(1e9);
    // (10 000 + 1 000) ns at load 0.5 take twice as long on the sender's core; the hops' costs double too.
    expect(slow.db.received[0]!.now - t0).toBeGreaterThanOrEqual(22_000);
  });

  it('fires handleTimeout at pollTimeout() and re-arms when the deadline moves', () => {
    const { sim, ha, da } = pair();
    da.deadline = 10_000_000;
    ha.submit(0, () => undefined);
    sim.run(1_000_000);
    da.deadline = 3_000_000;
    da.onTimeout = (now) => {
      da.deadline = now < 5_000_000 ? 7_000_000 : undefined;
    };
    ha.submit(0, () => undefined);
    sim.run(1e9);
    expect(da.timeouts).toEqual([3_000_000, 7_000_000]);
  });

  it('fails loudly instead of spinning when the driver keeps asking to be woken at the same instant', () => {
    const { sim, ha, da } = pair();
    da.deadline = 1_000;
    ha.submit(0, () => undefined);
    expect(() => sim.run(1e9)).toThrow(/timeouts at t=1000 ns/);
  });

  it('passes events to the application at the virtual time they were raised', () => {
    const { sim, ha, da, events } = pair();
    sim.timer(5_000, () => {
      da.events.push('x', 'y');
      ha.submit(0, () => undefined);
    });
    sim.run(1e9);
    expect(events).toEqual([
      { e: 'x', now: 5_000 },
      { e: 'y', now: 5_000 },
    ]);
  });

  it('counts transmits to addresses nobody holds (multicast) as unreachable and sends nothing', () => {
    const { sim, ha, da, db } = pair();
    da.transmits.push({ destination: udpv4Locator('239.255.0.1', 7400), source: 'metatraffic', bytes: new Uint8Array(10) });
    da.transmits.push(tx('user', '10.9.9.9', new Uint8Array(10)));
    ha.submit(0, () => undefined);
    sim.run(1e9);
    expect(ha.stats.unreachable).toBe(2);
    expect(db.received).toHaveLength(0);
    expect(sim.counters.sent).toBe(0);
  });

  it('captures each datagram with its virtual send time, addresses and ports', () => {
    const got: UdpDatagramInput[] = [];
    const { sim, ha, da } = pair({ capture: (d) => got.push(d) });
    sim.timer(1_234, () => {
      da.transmits.push(tx('metatraffic', IP_B, new Uint8Array([1, 2, 3])));
      ha.submit(0, () => undefined);
    });
    sim.run(1e9);
    expect(got).toEqual([{ timeNs: 1_234n, srcIp: IP_A, srcPort: PORTS.metatraffic, dstIp: IP_B, dstPort: PORTS.metatraffic, payload: new Uint8Array([1, 2, 3]) }]);
  });

  it('duplicates datagrams and cuts the host off as its impairments say', () => {
    const dup = pair({ impairments: { duplicate: 1 } });
    dup.da.transmits.push(tx('user', IP_B, new Uint8Array(5)));
    dup.ha.submit(0, () => undefined);
    dup.sim.run(1e9);
    expect(dup.db.received).toHaveLength(2);
    const cut = pair({ impairments: { blocked: (now) => now < 1_000_000 } });
    cut.da.transmits.push(tx('user', IP_B, new Uint8Array(5)));
    cut.ha.submit(0, () => undefined);
    cut.sim.timer(2_000_000, () => {
      cut.da.transmits.push(tx('user', IP_B, new Uint8Array(6)));
      cut.ha.submit(0, () => undefined);
    });
    cut.sim.run(1e9);
    expect(cut.db.received.map((r) => r.bytes.length)).toEqual([6]);
    expect(cut.ha.stats.blocked).toBe(1);
  });
});
