import { isIPv4, isIPv6 } from 'node:net';
import { LocatorKind, locatorIpv4, udpv4Locator, type Locator } from '../../rtps/index.js';

/** A locator as a UDP socket address, or undefined for kinds a UDP socket cannot reach (SHM, TCP...). */
export interface SocketAddress {
  readonly address: string;
  readonly port: number;
  readonly family: 'IPv4' | 'IPv6';
}

function expandIpv6(ip: string): Uint8Array {
  const out = new Uint8Array(16);
  let text = ip;
  // An embedded dotted quad (::ffff:1.2.3.4) becomes two hex groups first.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad !== null) {
    const v4 = udpv4Locator(quad[1]!, 0).address;
    text = `${text.slice(0, quad.index)}${((v4[12]! << 8) | v4[13]!).toString(16)}:${((v4[14]! << 8) | v4[15]!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

/** Locator (9.3.2) for an IPv4 or IPv6 socket address. */
export function locatorFor(address: string, port: number): Locator {
  if (isIPv4(address)) return udpv4Locator(address, port);
  if (isIPv6(address)) return { kind: LocatorKind.UDPv6, port, address: expandIpv6(address) };
  throw new RangeError(`not an IP address: ${address}`);
}

/** Where a locator points, for socket.send. */
export function socketAddressOf(l: Locator): SocketAddress | undefined {
  if (l.kind === LocatorKind.UDPv4) return { address: locatorIpv4(l), port: l.port, family: 'IPv4' };
  if (l.kind === LocatorKind.UDPv6) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((l.address[i]! << 8) | l.address[i + 1]!).toString(16));
    return { address: groups.join(':'), port: l.port, family: 'IPv6' };
  }
  return undefined;
}

/** Whether a socket address is IPv4 loopback (127/8) or ::1. */
export function isLoopbackAddress(a: SocketAddress): boolean {
  return a.family === 'IPv4' ? a.address.startsWith('127.') : a.address === '0:0:0:0:0:0:0:1';
}
