import { EncodeError } from '../../rtps/codec/decode-error.js';
import { parseIpv4 } from './ip-address.js';
import { LinkType } from './link-type.js';
import { writePcap } from './pcap-file.js';

/** A UDP datagram to frame: IPv4 addresses as dotted quads. */
export interface UdpDatagramInput {
  readonly timeNs: bigint;
  readonly srcIp: string;
  readonly srcPort: number;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

const ETH_HEADER = 14;
const IPV4_HEADER = 20;
const UDP_HEADER = 8;
/** Largest UDP payload an IPv4 packet can hold (65535 - 20 - 8). */
export const MAX_IPV4_UDP_PAYLOAD = 65535 - IPV4_HEADER - UDP_HEADER;

/**
 * An Ethernet II + IPv4 + UDP frame around `d.payload`, with correct lengths and both checksums, so that
 * dissectors (tshark) accept it. `identification` fills the IPv4 ID field; DF is set, so it is never a fragment.
 */
export function ethernetIpv4UdpFrame(d: UdpDatagramInput, identification = 0): Uint8Array {
  const src = parseIpv4(d.srcIp);
  const dst = parseIpv4(d.dstIp);
  if (src === undefined) throw new EncodeError('udp.srcIp', `not an IPv4 address: ${d.srcIp}`);
  if (dst === undefined) throw new EncodeError('udp.dstIp', `not an IPv4 address: ${d.dstIp}`);
  for (const [field, port] of [['udp.srcPort', d.srcPort], ['udp.dstPort', d.dstPort]] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) throw new EncodeError(field, `not a port: ${port}`);
  }
  if (d.payload.length > MAX_IPV4_UDP_PAYLOAD) throw new EncodeError('udp.payload', `${d.payload.length} bytes exceed ${MAX_IPV4_UDP_PAYLOAD}`);
  const frame = new Uint8Array(ETH_HEADER + IPV4_HEADER + UDP_HEADER + d.payload.length);
  const v = new DataView(frame.buffer);
  // Locally administered unicast MACs, or the IPv4 multicast MAC (RFC 1112) so multicast looks like multicast.
  frame.set(dst[0]! >= 224 && dst[0]! <= 239 ? [0x01, 0x00, 0x5e, dst[1]! & 0x7f, dst[2]!, dst[3]!] : [0x02, 0, 0, 0, 0, 0x02], 0);
  frame.set([0x02, 0, 0, 0, 0, 0x01], 6);
  v.setUint16(12, 0x0800);
  const ip = ETH_HEADER;
  v.setUint8(ip, 0x45);
  v.setUint16(ip + 2, IPV4_HEADER + UDP_HEADER + d.payload.length);
  v.setUint16(ip + 4, identification & 0xffff);
  v.setUint16(ip + 6, 0x4000);
  v.setUint8(ip + 8, 64);
  v.setUint8(ip + 9, 17);
  frame.set(src, ip + 12);
  frame.set(dst, ip + 16);
  v.setUint16(ip + 10, internetChecksum(frame.subarray(ip, ip + IPV4_HEADER), 0));
  const u = ip + IPV4_HEADER;
  const udpLength = UDP_HEADER + d.payload.length;
  v.setUint16(u, d.srcPort);
  v.setUint16(u + 2, d.dstPort);
  v.setUint16(u + 4, udpLength);
  frame.set(d.payload, u + UDP_HEADER);
  // Pseudo-header (RFC 768): addresses, protocol, UDP length. A computed 0 is sent as 0xffff.
  const pseudo = internetSum(frame.subarray(ip + 12, ip + 20), 17 + udpLength);
  const sum = internetChecksum(frame.subarray(u), pseudo);
  v.setUint16(u + 6, sum === 0 ? 0xffff : sum);
  return frame;
}

/** A classic pcap (Ethernet link type) holding one frame per datagram. */
export function pcapOfUdpDatagrams(datagrams: readonly UdpDatagramInput[]): Uint8Array {
  return writePcap({
    linkType: LinkType.ETHERNET,
    records: datagrams.map((d, i) => ({ timeNs: d.timeNs, data: ethernetIpv4UdpFrame(d, i) })),
  });
}

/** One's-complement sum of 16-bit big-endian words (odd length padded with a zero byte), not yet folded. */
function internetSum(bytes: Uint8Array, initial: number): number {
  let sum = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1]! << 8;
  return sum;
}

/** RFC 1071 Internet checksum. */
function internetChecksum(bytes: Uint8Array, initial: number): number {
  let sum = internetSum(bytes, initial);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
