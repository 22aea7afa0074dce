import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** Locator_t (9.3.2): kind, port and a 16-octet address. Unknown kinds are kept, not rejected. */
export interface Locator {
  readonly kind: number;
  readonly port: number;
  readonly address: Uint8Array;
}

export const LocatorKind = {
  INVALID: -1,
  RESERVED: 0,
  UDPv4: 1,
  UDPv6: 2,
  TCPv4: 4,
  TCPv6: 8,
  /** Fast DDS shared memory. */
  SHM: 16,
  /** Cyclone DDS / RTI shared memory (vendor kinds in the high range). */
  SHM_VENDOR: 0x01000000,
} as const;

export const LOCATOR_PORT_INVALID = 0;
export const LOCATOR_INVALID: Locator = { kind: LocatorKind.INVALID, port: LOCATOR_PORT_INVALID, address: new Uint8Array(16) };

export function readLocator(r: ByteReader, field: string): Locator {
  const kind = r.i32(`${field}.kind`);
  const port = r.u32(`${field}.port`);
  return { kind, port, address: r.copy8(16, `${field}.address`) };
}

export function writeLocator(w: ByteWriter, l: Locator): void {
  if (l.address.length !== 16) throw new RangeError(`Locator address must be 16 octets, got ${l.address.length}`);
  w.i32(l.kind).u32(l.port).bytes(l.address);
}

export function readLocatorList(r: ByteReader, field: string): Locator[] {
  const n = r.u32(`${field}.numLocators`);
  r.checkCount(n, 24, `${field}.numLocators`);
  const out: Locator[] = [];
  for (let i = 0; i < n; i++) out.push(readLocator(r, `${field}[${i}]`));
  return out;
}

export function writeLocatorList(w: ByteWriter, ls: readonly Locator[]): void {
  w.u32(ls.length);
  for (const l of ls) writeLocator(w, l);
}

/** A UDPv4 locator; the IPv4 address sits in the last four octets (9.3.2.4). */
export function udpv4Locator(ip: string, port: number): Locator {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new RangeError(`not an IPv4 address: ${ip}`);
  }
  const address = new Uint8Array(16);
  address.set(parts, 12);
  return { kind: LocatorKind.UDPv4, port, address };
}

export function locatorIpv4(l: Locator): string {
  return `${l.address[12]}.${l.address[13]}.${l.address[14]}.${l.address[15]}`;
}

function ipv6(a: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((a[i]! << 8) | a[i + 1]!).toString(16));
  return groups.join(':');
}

export function locatorToString(l: Locator): string {
  switch (l.kind) {
    case LocatorKind.UDPv4:
      return `udp/${locatorIpv4(l)}:${l.port}`;
    case LocatorKind.TCPv4:
      return `tcp/${locatorIpv4(l)}:${l.port}`;
    case LocatorKind.UDPv6:
      return `udp6/[${ipv6(l.address)}]:${l.port}`;
    case LocatorKind.TCPv6:
      return `tcp6/[${ipv6(l.address)}]:${l.port}`;
    default:
      return `kind${l.kind}/${ipv6(l.address)}:${l.port}`;
  }
}

export function locatorEquals(a: Locator, b: Locator): boolean {
  if (a.kind !== b.kind || a.port !== b.port) return false;
  for (let i = 0; i < 16; i++) if (a.address[i] !== b.address[i]) return false;
  return true;
}
