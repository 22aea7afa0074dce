import { ethWireOverhead, tcpIpHeaders, type Params } from '../datapath/defaults.js';

/**
 * Steady-state TCP goodput of a wire-limited flow: every frame carries MSS = mtu - IP/TCP headers of payload and
 * occupies mtu + tunnel bytes + Ethernet framing (preamble, IFG, header, FCS) on the wire. ACK traffic flows the other
 * way on a full-duplex link and costs nothing here.
 */
export function wireLimitedGoodput(p: Params, bandwidthBps: number, mtu: number, encapBytes = 0): number {
  const mss = mtu - tcpIpHeaders(p);
  return (bandwidthBps * mss) / (mtu + encapBytes + ethWireOverhead(p));
}

/**
 * The MTU at which `wireLimitedGoodput` equals `goodputBps` (closed form of (m - h) / (m + e + f) = g / B), i.e. the
 * smallest MTU that can explain a measured goodput. Infinity when the goodput reaches the link rate.
 */
export function mtuForGoodput(p: Params, bandwidthBps: number, goodputBps: number, encapBytes = 0): number {
  const r = goodputBps / bandwidthBps;
  if (r >= 1) return Infinity;
  return (tcpIpHeaders(p) + r * (encapBytes + ethWireOverhead(p))) / (1 - r);
}
