import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** The interface rtps-pod talks on: its name, one address (announced in our locators) and its MTU. */
export interface SelectedInterface {
  readonly name: string;
  readonly address: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly loopback: boolean;
  readonly mtu: number;
}

/** The interface named by --interface does not exist or has no usable address. */
export class InterfaceSelectionError extends Error {
  override readonly name = 'InterfaceSelectionError';
}

/** Largest UDP payload IPv4 allows (65535 - 20 IP - 8 UDP); IPv6 without jumbograms allows 65527. */
const MAX_UDP_PAYLOAD = { IPv4: 65_507, IPv6: 65_527 } as const;
const HEADER_OCTETS = { IPv4: 20 + 8, IPv6: 40 + 8 } as const;

/** Linux exposes each interface's MTU here; elsewhere (or if unreadable) assume Ethernet. */
export function readMtu(name: string): number {
  try {
    const mtu = Number(readFileSync(`/sys/class/net/${name}/mtu`, 'utf8').trim());
    return Number.isInteger(mtu) && mtu >= 576 ? mtu : 1500;
  } catch {
    return 1500;
  }
}

/**
 * The largest datagram that leaves `iface` unfragmented: MTU minus IP and UDP headers, capped at what one UDP
 * datagram can carry (so loopback's 65536 gives 65507 on IPv4).
 */
export function maxDatagramFor(mtu: number, family: 'IPv4' | 'IPv6'): number {
  return Math.min(mtu - HEADER_OCTETS[family], MAX_UDP_PAYLOAD[family]);
}

interface Candidate {
  readonly name: string;
  readonly address: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly internal: boolean;
}

function candidates(): Candidate[] {
  const out: Candidate[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) {
      // Link-local IPv6 addresses need a scope id in every send; skip them rather than half-support them.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ name, address: a.address, family: a.family, internal: a.internal });
    }
  }
  return out;
}

/**
 * Picks the interface from `spec` (an interface name or one of its addresses); without `spec`, the first
 * non-loopback IPv4 interface, falling back to loopback (a network namespace holding only `lo`).
 * IPv4 is preferred on a named interface that has both families, because the SPDP multicast group is IPv4.
 */
export function selectInterface(spec: string | undefined, list: readonly Candidate[] = candidates()): SelectedInterface {
  let pick: Candidate | undefined;
  if (spec === undefined) {
    pick = list.find((c) => !c.internal && c.family === 'IPv4') ?? list.find((c) => c.internal && c.family === 'IPv4');
  } else {
    const byAddress = list.find((c) => c.address === spec);
    const byName = list.filter((c) => c.name === spec);
    pick = byAddress ?? byName.find((c) => c.family === 'IPv4') ?? byName[0];
    if (pick === undefined) {
      const known = [...new Set(list.map((c) => `${c.name} (${c.address})`))].join(', ');
      throw new InterfaceSelectionError(`no interface or address "${spec}"; available: ${known || 'none'}`);
    }
  }
  if (pick === undefined) throw new InterfaceSelectionError('no IPv4 interface is up');
  return { name: pick.name, address: pick.address, family: pick.family, loopback: pick.internal, mtu: readMtu(pick.name) };
}
