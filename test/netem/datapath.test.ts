import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainFor, encapBytes, ethWireOverhead, mtuForGoodput, resolveParams, tcpIpHeaders, wireLimitedGoodput, type Plugin } from '../../netem/index.js';

const p = resolveParams();

describe('header sizes', () => {
  it('Ethernet framing is preamble 8 + IFG 12 + header 14 + FCS 4; TCP/IP with timestamps is 52', () => {
    expect(ethWireOverhead(p)).toBe(38);
    expect(tcpIpHeaders(p)).toBe(52);
  });

  const cases: [Plugin, number, number, string[]][] = [
    ['host', 0, 1500, ['stack']],
    ['bridge', 0, 1500, ['stack', 'veth', 'bridge', 'route']],
    ['calico-ipip', 20, 1440, ['stack', 'veth', 'route', 'ipip']],
    ['calico-vxlan', 50, 1450, ['stack', 'veth', 'route', 'vxlan']],
    ['flannel-vxlan', 50, 1450, ['stack', 'veth', 'bridge', 'route', 'vxlan']],
    ['weave-fastdp', 50, 1376, ['stack', 'veth', 'bridge', 'vxlan']],
    ['macvlan', 0, 1500, ['stack', 'macvlan']],
    ['host-device', 0, 1500, ['stack', 'hostDevice']],
  ];
  it.each(cases)('%s pod-to-pod: %i tunnel bytes, pod MTU %i', (plugin, encap, mtu, hops) => {
    const c = chainFor(plugin, 'pod', p);
    expect(encapBytes(c)).toBe(encap);
    expect(c.podMtu).toBe(mtu);
    expect(c.tx.map((h) => h.kind)).toEqual(hops);
    // The receive side pops exactly what the send side pushed.
    expect(c.rx.reduce((s, h) => s + h.encap, 0) + encap).toBe(0);
    // Inner packet plus tunnel fits the NIC.
    expect(c.podMtu + encap).toBeLessThanOrEqual(p['mtu.nic']);
  });

  it.each(['calico-ipip', 'flannel-vxlan', 'weave-fastdp', 'bridge'] as Plugin[])('%s to an external host: SNAT, no tunnel, pod MTU kept', (plugin) => {
    const c = chainFor(plugin, 'external', p);
    expect(encapBytes(c)).toBe(0);
    expect(c.tx.map((h) => h.kind)).toContain('snat');
    expect(c.podMtu).toBe(chainFor(plugin, 'pod', p).podMtu);
  });
});

describe('analytic goodput', () => {
  it('is 941.48 Mbit/s for TCP on 1 GbE at MTU 1500 and 9.415 Gbit/s on 10 GbE', () => {
    expect(wireLimitedGoodput(p, 1e9, 1500) / 1e6).toBeCloseTo(941.48, 2);
    expect(wireLimitedGoodput(p, 10e9, 1500) / 1e9).toBeCloseTo(9.415, 3);
  });

  it('9.88 Gbit/s on 10 GbE needs an MTU of about 7462 bytes', () => {
    expect(Math.round(mtuForGoodput(p, 10e9, 9.88e9))).toBe(7462);
  });

  it('mtuForGoodput inverts wireLimitedGoodput', () => {
    fc.assert(
      fc.property(fc.integer({ min: 576, max: 9216 }), fc.integer({ min: 0, max: 100 }), (mtu, encap) => {
        const g = wireLimitedGoodput(p, 1e9, mtu, encap);
        expect(mtuForGoodput(p, 1e9, g, encap)).toBeCloseTo(mtu, 6);
      }),
    );
  });

  it('goodput is monotone non-increasing in header overhead', () => {
    fc.assert(
      fc.property(fc.integer({ min: 576, max: 9000 }), fc.nat(200), fc.nat(200), (mtu, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(wireLimitedGoodput(p, 1e9, mtu, hi)).toBeLessThanOrEqual(wireLimitedGoodput(p, 1e9, mtu, lo));
      }),
    );
  });
});
