import { describe, expect, it } from 'vitest';
import { chainFor, datagramWireBytes, Network, resolveParams, Simulator, timerService, UdpNetwork, type UdpAddress } from '../../netem/index.js';

function setup(loss = 0, seed = 1) {
  const params = resolveParams();
  const sim = new Simulator(seed);
  const net = new Network(sim, params);
  net.addNode('n1');
  net.addNode('n2');
  net.addLink({ a: 'n1', b: 'n2', bandwidthBps: 1e9, delayNs: 100_000, mtu: 1500, queuePackets: Infinity, loss, jitterNs: 0, reorder: false });
  const udp = new UdpNetwork(net);
  udp.attach(net.addEndpoint('pod-a', 'n1', chainFor('flannel-vxlan', 'pod', params)));
  udp.attach(net.addEndpoint('pod-b', 'n2', chainFor('flannel-vxlan', 'pod', params)));
  return { sim, udp, net };
}

describe('UDP datagram transport', () => {
  it('delivers the datagram bytes with the source address and the virtual time of delivery', () => {
    const { sim, udp } = setup();
    const got: { data: Uint8Array; from: UdpAddress; now: number }[] = [];
    const a = udp.bind({ endpoint: 'pod-a', port: 7400 }, () => undefined);
    udp.bind({ endpoint: 'pod-b', port: 7410 }, (data, from, now) => got.push({ data, from, now }));
    const payload = new Uint8Array([1, 2, 3, 4]);
    a.send(payload, { endpoint: 'pod-b', port: 7410 });
    sim.run(1e9);
    expect(got).toHaveLength(1);
    expect([...got[0]!.data]).toEqual([1, 2, 3, 4]);
    expect(got[0]!.from).toEqual({ endpoint: 'pod-a', port: 7400 });
    // At least propagation + serialization of (4 + 8 + 20 + 50 VXLAN) bytes + 38 B framing.
    expect(got[0]!.now).toBeGreaterThanOrEqual(100_000 + 120 * 8);
  });

  it('fragments datagrams larger than the pod MTU and reassembles them', () => {
    const { sim, udp } = setup();
    const got: number[] = [];
    const a = udp.bind({ endpoint: 'pod-a', port: 1 }, () => undefined);
    udp.bind({ endpoint: 'pod-b', port: 2 }, (data) => got.push(data.length));
    a.send(new Uint8Array(4000), { endpoint: 'pod-b', port: 2 });
    sim.run(1e9);
    expect(got).toEqual([4000]);
    // 4008 B of UDP in fragments of 1424 B (pod MTU 1450 - 20, rounded down to 8): 3 packets.
    expect(sim.counters.sent).toBe(3);
  });

  it('counts the wire bytes of a fragmented datagram: UDP 8 + data + per fragment IPv4 20 + Ethernet 38', () => {
    const { net } = setup();
    expect(datagramWireBytes(net, 4000, 1450)).toBe(4008 + 3 * (20 + 38));
    expect(datagramWireBytes(net, 100, 1500)).toBe(108 + 20 + 38);
  });

  it('loses a fragmented datagram when a fragment is lost', () => {
    const { sim, udp } = setup(0.5, 3);
    let got = 0;
    const a = udp.bind({ endpoint: 'pod-a', port: 1 }, () => undefined);
    udp.bind({ endpoint: 'pod-b', port: 2 }, () => got++);
    for (let i = 0; i < 50; i++) a.send(new Uint8Array(4000), { endpoint: 'pod-b', port: 2 });
    sim.run(60e9);
    expect(sim.counters.dropped).toBeGreaterThan(0);
    expect(got).toBeLessThan(50);
    expect(got).toBe(udp.deliveredDatagrams);
  });

  it('offers timers in virtual time', () => {
    const { sim } = setup();
    const timers = timerService(sim);
    const fired: number[] = [];
    timers.setTimer(5_000, (now) => fired.push(now));
    sim.run(10_000);
    expect(fired).toEqual([5_000]);
    expect(timers.now()).toBe(10_000);
  });
});
