import type { Chain } from './datapath/chains.js';
import { Endpoint, type Network } from './model/network.js';
import { PacketKind, type Packet } from './model/packet.js';
import { LinkType } from './pcap/link-type.js';
import { writePcap, type PcapFileInput } from './pcap/pcap-file.js';
import { ethernetIpv4UdpFrame, type UdpDatagramInput } from './pcap/udp-frame.js';

const ETH = 14;
const IPV4 = 20;
/** TCP header of the frames written: 20 B + NOP NOP + timestamps (10 B), as Linux sends; SYNs carry more options. */
const TCP_TS = 32;
/** iperf3's port: the receiving end of every bulk flow. */
const IPERF3_PORT = 5201;
/** Window scale the SYNs announce; the window field then says 64 KiB << 7 = 8 MiB, the model's windows are in bytes. */
const WINDOW_SCALE = 7;
/** Headers only: the capture keeps this much of every TCP frame (like `tcpdump -s 96`). */
export const TCP_SNAPLEN = 96;

interface Record {
  readonly timeNs: bigint;
  readonly data: Uint8Array;
  readonly originalLength: number;
}

interface TcpPeer {
  readonly peer: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Initial sequence number of the sending side (the flow's data direction or the ACK direction). */
  readonly isn: number;
  readonly peerIsn: number;
}

/**
 * Simulated packets as a classic pcap (Ethernet link type), for Wireshark/tshark.
 *
 * - TCP bulk flows (netem's `TcpBulkFlow` carries sizes, not bytes): one frame per packet that reached its endpoint's
 *   socket, at the virtual delivery time, with real Ethernet + IPv4 + TCP headers (sequence/ack numbers from the
 *   segment index and MSS, timestamps option from the send time and echo, a SACK block when the ACK carries one,
 *   valid checksums for an all-zero payload). Payloads are not captured: each record holds the headers only and
 *   its original length is the full frame (snaplen `TCP_SNAPLEN`), so frame sizes and throughput graphs are right.
 *   Dropped packets never arrive, so they are absent, as in a capture on the receiving pods.
 * - UDP datagrams (`udp`, fed by RTPS runs when they hand a datagram to the network): the real payload bytes inside
 *   IPv4/UDP, so tshark dissects RTPS.
 *
 * Addresses are stable per endpoint name (10.0.x.y in order of first use); the inner (pod) packets are written,
 * without tunnel headers. Separate runs all start at virtual time 0: their frames are merged by time.
 * Past `maxFrames` records are counted, not kept (a 10 Gbit/s second is ~10^5 frames per datapath).
 */
export class PcapSink {
  private readonly records: Record[] = [];
  private readonly addresses = new Map<string, string>();
  private readonly tcp = new Map<string, TcpPeer>();
  private nextPort = 40000;
  private truncated = false;
  private longest = 0;
  /** Frames not kept because `maxFrames` was reached. */
  omitted = 0;

  constructor(readonly maxFrames = 500_000) {}

  get frames(): number {
    return this.records.length;
  }

  /** The IPv4 address standing for an endpoint (pod or host) name. */
  ipOf(endpoint: string): string {
    let ip = this.addresses.get(endpoint);
    if (ip === undefined) {
      const n = this.addresses.size + 1;
      ip = `10.0.${n >> 8}.${n & 0xff}`;
      this.addresses.set(endpoint, ip);
    }
    return ip;
  }

  /** Declares a TCP flow from `sender` to `receiver` (each new flow gets its own client port). */
  tcpFlow(sender: string, receiver: string): void {
    const srcPort = this.nextPort++;
    // Distinct, deterministic ISNs so both directions are told apart in a sequence graph.
    this.tcp.set(sender, { peer: receiver, srcPort, dstPort: IPERF3_PORT, isn: 1000, peerIsn: 5000 });
    this.tcp.set(receiver, { peer: sender, srcPort: IPERF3_PORT, dstPort: srcPort, isn: 5000, peerIsn: 1000 });
  }

  /** A datagram as handed to the network (RTPS runs' capture hook): framed whole, payload included. */
  readonly udp = (d: UdpDatagramInput): void => {
    const frame = ethernetIpv4UdpFrame(d, this.records.length);
    this.push({ timeNs: d.timeNs, data: frame, originalLength: frame.length });
  };

  /** A packet of a declared TCP flow reached `endpoint` at virtual time `now` (ns). */
  delivered(endpoint: string, p: Packet, now: number, mss: number): void {
    if (p.kind === PacketKind.Udp) return;
    const me = this.tcp.get(endpoint);
    if (me === undefined) return;
    // The packet came from the peer, so the peer's view of the flow names the ports and sequence space.
    const from = this.tcp.get(me.peer)!;
    const frame = tcpFrame(p, from, this.ipOf(me.peer), this.ipOf(endpoint), mss, this.records.length);
    this.truncated = true;
    this.push({ timeNs: BigInt(now), data: frame.headers, originalLength: frame.length });
  }

  private push(r: Record): void {
    if (this.records.length >= this.maxFrames) this.omitted++;
    else {
      this.records.push(r);
      this.longest = Math.max(this.longest, r.data.length);
    }
  }

  /** The capture so far, frames ordered by time (stable: equal times keep their arrival order). */
  toPcap(): Uint8Array {
    const records = [...this.records].sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
    // A truncated frame claims the snaplen it was cut at; whole UDP frames in the same file must fit under it too.
    const snap = this.truncated ? Math.max(TCP_SNAPLEN, this.longest) : 262144;
    const file: PcapFileInput = { linkType: LinkType.ETHERNET, nanosecond: true, snapLength: snap, records };
    return writePcap(file);
  }
}

/** An endpoint whose deliveries also go to `sink` (use instead of `net.addEndpoint`). */
export function tappedEndpoint(net: Network, name: string, node: string, chain: Chain, sink: PcapSink, mss: number): Endpoint {
  return new (class extends Endpoint {
    override deliver(p: Packet): void {
      sink.delivered(name, p, net.sim.now, mss);
      super.deliver(p);
    }
  })(name, net.node(node), chain);
}

const SYN = 0x02;
const PSH = 0x08;
const ACK = 0x10;

function tcpFrame(p: Packet, from: TcpPeer, srcIp: string, dstIp: string, mss: number, id: number): { headers: Uint8Array; length: number } {
  const syn = p.kind === PacketKind.TcpSyn || p.kind === PacketKind.TcpSynAck;
  const sack = p.kind === PacketKind.TcpAck && p.sack >= 0;
  const tcpLen = syn ? 40 : sack ? TCP_TS + 12 : TCP_TS;
  const payload = p.kind === PacketKind.TcpData ? p.payload : 0;
  const headers = new Uint8Array(ETH + IPV4 + tcpLen);
  const v = new DataView(headers.buffer);
  headers.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01], 0);
  v.setUint16(12, 0x0800);
  v.setUint8(ETH, 0x45);
  v.setUint16(ETH + 2, IPV4 + tcpLen + payload);
  v.setUint16(ETH + 4, id & 0xffff);
  v.setUint16(ETH + 6, 0x4000);
  v.setUint8(ETH + 8, 64);
  v.setUint8(ETH + 9, 6);
  headers.set(ipv4Bytes(srcIp), ETH + 12);
  headers.set(ipv4Bytes(dstIp), ETH + 16);
  v.setUint16(ETH + 10, checksum(headers.subarray(ETH, ETH + IPV4), 0));
  const t = ETH + IPV4;
  // Segment i of the bulk flow starts i * MSS bytes after the SYN's sequence number + 1; an ACK's seq field is the
  // receiver's next expected segment index.
  const seqOf = (isn: number, index: number): number => (isn + 1 + index * mss) >>> 0;
  let seq: number;
  let ack = 0;
  let flags = ACK;
  switch (p.kind) {
    case PacketKind.TcpSyn:
      seq = from.isn;
      flags = SYN;
      break;
    case PacketKind.TcpSynAck:
      seq = from.isn;
      ack = from.peerIsn + 1;
      flags = SYN | ACK;
      break;
    case PacketKind.TcpData:
      seq = seqOf(from.isn, p.seq);
      ack = from.peerIsn + 1;
      flags = ACK | PSH;
      break;
    default:
      seq = from.isn + 1;
      ack = seqOf(from.peerIsn, p.seq);
  }
  v.setUint16(t, from.srcPort);
  v.setUint16(t + 2, from.dstPort);
  v.setUint32(t + 4, seq);
  v.setUint32(t + 8, ack);
  v.setUint8(t + 12, (tcpLen / 4) << 4);
  v.setUint8(t + 13, flags);
  v.setUint16(t + 14, 0xffff);
  // Timestamp values are microseconds of virtual time: the send time, and the echo the model carries.
  const tsval = Math.floor(p.sentAt / 1000) >>> 0;
  const tsecr = Math.floor(p.echo / 1000) >>> 0;
  let o = t + 20;
  if (syn) {
    // MSS, SACK permitted, timestamps, window scale: what a Linux SYN carries.
    headers.set([2, 4, (mss + 12) >> 8, (mss + 12) & 0xff, 4, 2], o);
    o += 6;
    headers.set([8, 10], o);
    v.setUint32(o + 2, tsval);
    v.setUint32(o + 6, p.kind === PacketKind.TcpSynAck ? tsecr : 0);
    o += 10;
    headers.set([1, 3, 3, WINDOW_SCALE], o);
  } else {
    headers.set([1, 1, 8, 10], o);
    v.setUint32(o + 4, tsval);
    v.setUint32(o + 8, tsecr);
    o += 12;
    if (sack) {
      headers.set([1, 1, 5, 10], o);
      v.setUint32(o + 4, seqOf(from.peerIsn, p.sack));
      v.setUint32(o + 8, seqOf(from.peerIsn, p.sack + 1));
    }
  }
  // Pseudo-header + TCP header; the zero payload adds nothing to a one's-complement sum, its length does.
  const pseudo = sum16(headers.subarray(ETH + 12, ETH + 20), 6 + tcpLen + payload);
  v.setUint16(t + 16, checksum(headers.subarray(t), pseudo));
  return { headers, length: headers.length + payload };
}

function ipv4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

function sum16(bytes: Uint8Array, initial: number): number {
  let s = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) s += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length % 2 === 1) s += bytes[bytes.length - 1]! << 8;
  return s;
}

/** RFC 1071 Internet checksum. */
function checksum(bytes: Uint8Array, initial: number): number {
  let s = sum16(bytes, initial);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
