import { ByteReader } from '../../rtps/codec/byte-reader.js';
import { DecodeError } from '../../rtps/codec/decode-error.js';
import { ipv4ToString, ipv6ToString } from './ip-address.js';
import { LinkType } from './link-type.js';
import type { PcapFile } from './pcap-file.js';

/** A UDP datagram found in a captured frame; `payload` is a view into the capture. */
export interface UdpDatagram {
  readonly timeNs: bigint;
  readonly srcIp: string;
  readonly srcPort: number;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

/** A frame that holds no complete UDP datagram, and why (not IP, not UDP, an IP fragment, truncated by snaplen). */
export interface SkippedFrame {
  readonly skipped: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const IPPROTO_UDP = 17;

/**
 * The UDP datagram carried by one frame of the given link type, or why there is none.
 * IP fragments are skipped, not reassembled: the captures this serves (loopback, MTU 65536) have none, and a
 * reassembler would need state across frames. Malformed headers throw DecodeError with offsets within `frame`
 * shifted by `base` (pass the frame's offset in the file for absolute positions).
 */
export function extractUdp(linkType: number, frame: Uint8Array, timeNs: bigint, base = 0): UdpDatagram | SkippedFrame {
  const r = new ByteReader(frame, false, base);
  let etherType: number;
  switch (linkType) {
    case LinkType.ETHERNET:
      r.skip(12, 'ethernet.addresses');
      etherType = r.u16('ethernet.type');
      // 802.1Q / 802.1ad tags; each consumes 4 bytes, so the loop ends with the frame.
      while (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ) {
        r.skip(2, 'ethernet.vlan.tci');
        etherType = r.u16('ethernet.vlan.type');
      }
      break;
    case LinkType.LINUX_SLL:
      r.skip(14, 'sll.header');
      etherType = r.u16('sll.protocol');
      break;
    case LinkType.LINUX_SLL2:
      etherType = r.u16('sll2.protocol');
      r.skip(18, 'sll2.header');
      break;
    case LinkType.NULL: {
      // The family is in the capturing host's byte order, which the file does not say: accept either.
      r.littleEndian = true;
      let family = r.u32('null.family');
      if (family > 0xffff) family = ((family & 0xff) << 24) | ((family & 0xff00) << 8) | ((family >>> 8) & 0xff00) | (family >>> 24);
      if (family === 2) etherType = ETHERTYPE_IPV4;
      else if (family === 24 || family === 28 || family === 30) etherType = ETHERTYPE_IPV6;
      else return { skipped: `null link: address family ${family}` };
      r.littleEndian = false;
      break;
    }
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6: {
      if (r.remaining < 1) r.fail('ip.version', 'empty frame');
      const version = frame[0]! >>> 4;
      if (version === 4) etherType = ETHERTYPE_IPV4;
      else if (version === 6) etherType = ETHERTYPE_IPV6;
      else return { skipped: `raw link: IP version ${version}` };
      break;
    }
    default:
      throw new DecodeError(base, 'pcap.linkType', `unsupported link type ${linkType}`);
  }
  if (etherType === ETHERTYPE_IPV4) return ipv4(r, timeNs);
  if (etherType === ETHERTYPE_IPV6) return ipv6(r, timeNs);
  return { skipped: `ethertype 0x${etherType.toString(16).padStart(4, '0')}` };
}

function ipv4(r: ByteReader, timeNs: bigint): UdpDatagram | SkippedFrame {
  const start = r.pos;
  const vihl = r.u8('ipv4.versionIhl');
  if (vihl >>> 4 !== 4) r.fail('ipv4.version', `version ${vihl >>> 4} in an IPv4 frame`, start);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < 20) r.fail('ipv4.ihl', `header length ${headerLength} < 20`, start);
  r.skip(1, 'ipv4.tos');
  const totalLength = r.u16('ipv4.totalLength');
  if (totalLength < headerLength) r.fail('ipv4.totalLength', `${totalLength} < header length ${headerLength}`, start + 2);
  r.skip(2, 'ipv4.identification');
  const flagsFragment = r.u16('ipv4.flagsFragmentOffset');
  r.skip(1, 'ipv4.ttl');
  const protocol = r.u8('ipv4.protocol');
  r.skip(2, 'ipv4.checksum');
  const src = r.view8(4, 'ipv4.src');
  const dst = r.view8(4, 'ipv4.dst');
  r.skip(headerLength - 20, 'ipv4.options');
  const payloadLength = totalLength - headerLength;
  if (payloadLength > r.remaining) return { skipped: `IPv4 packet truncated (${payloadLength} bytes claimed, ${r.remaining} captured)` };
  if ((flagsFragment & 0x3fff) !== 0) return { skipped: 'IPv4 fragment (fragments are not reassembled)' };
  if (protocol !== IPPROTO_UDP) return { skipped: `IP protocol ${protocol}` };
  // Ethernet pads short frames: the IP total length, not the frame, bounds the datagram.
  return udp(r.sub(payloadLength, 'ipv4.payload'), ipv4ToString(src), ipv4ToString(dst), timeNs);
}

function ipv6(r: ByteReader, timeNs: bigint): UdpDatagram | SkippedFrame {
  const start = r.pos;
  const word = r.u32('ipv6.versionClassFlow');
  if (word >>> 28 !== 6) r.fail('ipv6.version', `version ${word >>> 28} in an IPv6 frame`, start);
  const payloadLength = r.u16('ipv6.payloadLength');
  let next = r.u8('ipv6.nextHeader');
  r.skip(1, 'ipv6.hopLimit');
  const src = ipv6ToString(r.view8(16, 'ipv6.src'));
  const dst = ipv6ToString(r.view8(16, 'ipv6.dst'));
  if (payloadLength === 0) return { skipped: 'IPv6 jumbogram or empty payload' };
  if (payloadLength > r.remaining) return { skipped: `IPv6 packet truncated (${payloadLength} bytes claimed, ${r.remaining} captured)` };
  const p = r.sub(payloadLength, 'ipv6.payload');
  // Each extension header is at least 8 bytes, so this walk ends within the payload.
  for (;;) {
    if (next === IPPROTO_UDP) return udp(p, src, dst, timeNs);
    if (next === 44) return { skipped: 'IPv6 fragment (fragments are not reassembled)' };
    if (next === 0 || next === 43 || next === 60 || next === 51) {
      const at = p.pos;
      const following = p.u8('ipv6.extension.nextHeader');
      const len = p.u8('ipv6.extension.length');
      p.pos = at;
      p.skip(next === 51 ? (len + 2) * 4 : (len + 1) * 8, 'ipv6.extension');
      next = following;
      continue;
    }
    return { skipped: `IPv6 next header ${next}` };
  }
}

function udp(r: ByteReader, srcIp: string, dstIp: string, timeNs: bigint): UdpDatagram {
  const srcPort = r.u16('udp.srcPort');
  const dstPort = r.u16('udp.dstPort');
  const length = r.u16('udp.length');
  r.skip(2, 'udp.checksum');
  if (length < 8) r.fail('udp.length', `${length} < 8`, r.pos - 4);
  if (length - 8 > r.remaining) r.fail('udp.length', `${length} exceeds the ${r.remaining + 8} bytes of the IP payload`, r.pos - 4);
  return { timeNs, srcIp, srcPort, dstIp, dstPort, payload: r.view8(length - 8, 'udp.payload') };
}

/** A frame's datagram, or why it has none, with its 1-based frame number (as tshark numbers frames). */
export type FrameUdp = { readonly frame: number } & (UdpDatagram | SkippedFrame);

/** The UDP datagram (or skip reason) of every record of a pcap file, in capture order. */
export function udpFrames(file: PcapFile): FrameUdp[] {
  return file.records.map((rec, i) => {
    const frame = i + 1;
    if (rec.data.length < rec.originalLength) return { frame, skipped: `frame truncated by snaplen (${rec.data.length} of ${rec.originalLength} bytes)` };
    // Error offsets count from the start of the buffer the file was read from.
    return { frame, ...extractUdp(file.linkType, rec.data, rec.timeNs, rec.data.byteOffset) };
  });
}

/** Just the datagrams of a pcap file, each with its frame number. */
export function udpDatagrams(file: PcapFile): (UdpDatagram & { readonly frame: number })[] {
  return udpFrames(file).filter((f): f is UdpDatagram & { frame: number } => !('skipped' in f));
}
