import type { Simulator, TimerHandle } from '../engine/simulator.js';
import { ethWireOverhead } from '../datapath/defaults.js';
import type { Endpoint, Network } from '../model/network.js';
import { PacketKind, type Packet } from '../model/packet.js';

/** A UDP socket address inside the simulated network: an endpoint (pod/host) name and a port. */
export interface UdpAddress {
  readonly endpoint: string;
  readonly port: number;
}

/** Called with each datagram delivered to a bound port, with the virtual time of delivery (ns). */
export type DatagramHandler = (data: Uint8Array, from: UdpAddress, now: number) => void;

/** Virtual-time timers for sans-I/O protocol code (RTPS heartbeats, resends): no wall clock anywhere. */
export interface TimerService {
  now(): number;
  setTimer(delayNs: number, fn: (now: number) => void): TimerHandle;
}

export function timerService(sim: Simulator): TimerService {
  return { now: () => sim.now, setTimer: (delayNs, fn) => sim.timer(delayNs, fn) };
}

/** A bound UDP port: `send` is the whole transport interface a sans-I/O participant needs. */
export interface UdpSocket {
  readonly address: UdpAddress;
  send(datagram: Uint8Array, dst: UdpAddress): void;
}

const UDP_FLOW_BASE = 1 << 20;
/** Linux ipfrag_time: incomplete datagrams are forgotten after 30 s. */
const REASSEMBLY_TIMEOUT_NS = 30_000_000_000;

interface Reassembly {
  got: number;
}

/**
 * UDP over the simulated network. Datagrams larger than the sender's pod MTU are split into IP fragments (each
 * fragment crosses the datapath on its own; losing one loses the datagram, as in IPv4). Each destination port is its
 * own flow, so its packets are processed on one core of each node.
 */
export class UdpNetwork {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly ports = new Map<string, DatagramHandler>();
  private readonly reassembly = new Map<number, Reassembly>();
  private nextDatagramId = 1;
  /** Datagrams handed to `send` and delivered whole. */
  sentDatagrams = 0;
  deliveredDatagrams = 0;

  constructor(private readonly net: Network) {}

  /** Makes `endpoint` reachable by name. */
  attach(endpoint: Endpoint): void {
    this.endpoints.set(endpoint.name, endpoint);
  }

  bind(address: UdpAddress, onDatagram: DatagramHandler): UdpSocket {
    const ep = this.endpoint(address.endpoint);
    this.ports.set(`${address.endpoint}:${address.port}`, onDatagram);
    ep.listen(UDP_FLOW_BASE + address.port, (p) => this.onPacket(ep, p));
    return { address, send: (datagram, dst) => this.send(address, datagram, dst) };
  }

  private endpoint(name: string): Endpoint {
    const ep = this.endpoints.get(name);
    if (ep === undefined) throw new Error(`netem: no endpoint ${name} attached to the UDP network`);
    return ep;
  }

  private send(src: UdpAddress, datagram: Uint8Array, dst: UdpAddress): void {
    const p = this.net.params;
    const from = this.endpoint(src.endpoint);
    const to = this.endpoint(dst.endpoint);
    const ip = p['ipv4.header'];
    const total = p['udp.header'] + datagram.length;
    // Fragment payloads are multiples of 8 bytes (RFC 791), except the last.
    const perFragment = Math.floor((from.chain.podMtu - ip) / 8) * 8;
    const fragments = Math.max(1, Math.ceil(total / perFragment));
    const info = { srcEndpoint: src.endpoint, srcPort: src.port, dstPort: dst.port, datagramId: this.nextDatagramId++, fragments };
    this.sentDatagrams++;
    const path = this.net.path(from, to, UDP_FLOW_BASE + dst.port);
    for (let f = 0; f < fragments; f++) {
      const bytes = Math.min(perFragment, total - f * perFragment);
      const pkt = this.net.sendAlong(path, UDP_FLOW_BASE + dst.port, PacketKind.Udp, ip + bytes, f === 0 ? datagram.length : 0);
      pkt.seq = f;
      pkt.data = datagram;
      pkt.udp = info;
    }
  }

  private onPacket(ep: Endpoint, p: Packet): void {
    const u = p.udp;
    if (u === undefined || p.data === undefined) return;
    if (u.fragments > 1) {
      let r = this.reassembly.get(u.datagramId);
      if (r === undefined) {
        r = { got: 0 };
        this.reassembly.set(u.datagramId, r);
        this.net.sim.timer(REASSEMBLY_TIMEOUT_NS, () => this.reassembly.delete(u.datagramId));
      }
      if (++r.got < u.fragments) return;
      this.reassembly.delete(u.datagramId);
    }
    const handler = this.ports.get(`${ep.name}:${u.dstPort}`);
    if (handler === undefined) return;
    this.deliveredDatagrams++;
    handler(p.data, { endpoint: u.srcEndpoint, port: u.srcPort }, this.net.sim.now);
  }
}

/** Wire bytes of one datagram of `length` bytes at pod MTU `mtu` (all fragments, with Ethernet framing). */
export function datagramWireBytes(net: Network, length: number, mtu: number): number {
  const p = net.params;
  const ip = p['ipv4.header'];
  const total = p['udp.header'] + length;
  const perFragment = Math.floor((mtu - ip) / 8) * 8;
  const fragments = Math.max(1, Math.ceil(total / perFragment));
  return total + fragments * (ip + ethWireOverhead(p));
}
