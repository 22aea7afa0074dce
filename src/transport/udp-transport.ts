import DgramAsPromised, { type SocketAsPromised } from 'dgram-as-promised';
import {
  DEFAULT_MULTICAST_ADDRESS,
  spdpMulticastPort,
  spdpUnicastPort,
  userMulticastPort,
  userUnicastPort,
  type Locator,
} from '../../rtps/index.js';
import type { Transmit } from '../../rtps/participant/api.js';
import { isLoopbackAddress, locatorFor, socketAddressOf, type SocketAddress } from './locator-address.js';
import { maxDatagramFor, readMtu, type SelectedInterface } from './network-interface.js';

/** The locators a participant announces in SPDP (8.5.3.1), all on the selected interface. */
export interface ParticipantLocators {
  readonly metatrafficUnicast: readonly Locator[];
  readonly metatrafficMulticast: readonly Locator[];
  readonly defaultUnicast: readonly Locator[];
  readonly defaultMulticast: readonly Locator[];
}

export interface UdpTransportOptions {
  readonly domainId: number;
  readonly iface: SelectedInterface;
  /** Fixed participant index; otherwise the first index whose unicast ports are free (0, 1, 2...). */
  readonly participantId?: number;
  /** Join the SPDP multicast group (default true; off for networks without multicast, with --peer). */
  readonly spdpMulticast?: boolean;
  /** Also listen on the user-traffic multicast port (9.6.2.3 d2). */
  readonly userMulticast?: boolean;
}

export type DatagramHandler = (bytes: Uint8Array, source: Locator, via: 'metatraffic' | 'user') => void;

/** Why sends failed, by errno code, and how much went through: printed with --verbose. */
export interface TransportCounters {
  datagramsSent: number;
  octetsSent: number;
  datagramsReceived: number;
  octetsReceived: number;
  readonly sendErrors: Record<string, number>;
  unroutable: number;
}

/** Cyclone DDS's default upper bound on participant indices (Discovery/MaxAutoParticipantIndex). */
const MAX_AUTO_PARTICIPANT_ID = 119;
/** Large socket buffers absorb bursts of fragments at 50 000-octet samples; the kernel may cap them. */
const SOCKET_BUFFER_OCTETS = 4 * 1024 * 1024;

/** Cyclone's IPv6 form of the SPDP group, so both families can be used on one host. */
const IPV6_MULTICAST_ADDRESS = 'ff02::ffff:239.255.0.1';

function isAddressInUse(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/**
 * UDP sockets of one participant, laid out by the well-known port mapping (9.6.2.3): a metatraffic unicast and a
 * user unicast socket on the selected interface (they also send, so peers see the announced ports), and
 * the SPDP multicast group 239.255.0.1 joined on that interface (SO_REUSEADDR: every participant on the
 * host shares that port).
 */
export class UdpTransport {
  readonly counters: TransportCounters = {
    datagramsSent: 0,
    octetsSent: 0,
    datagramsReceived: 0,
    octetsReceived: 0,
    sendErrors: {},
    unroutable: 0,
  };
  private closed = false;
  /** Sends handed to the kernel but not yet completed: close() waits for them (closing would cancel them). */
  private pending = 0;
  private drained: (() => void) | undefined;
  /** One callback for every send, not a promise or closure per datagram (this runs for every datagram). */
  private readonly afterSend = (e: Error | null | undefined): void => {
    if (e instanceof Error) {
      const code = (e as NodeJS.ErrnoException).code ?? e.message;
      this.counters.sendErrors[code] = (this.counters.sendErrors[code] ?? 0) + 1;
    }
    if (--this.pending === 0) this.drained?.();
  };
  /** Destinations as socket addresses, once per Locator object (the participant reuses its proxies' locators). */
  private readonly addresses = new WeakMap<Locator, SocketAddress | undefined>();

  private constructor(
    readonly participantId: number,
    readonly locators: ParticipantLocators,
    private readonly iface: SelectedInterface,
    private readonly metatraffic: SocketAsPromised,
    private readonly user: SocketAsPromised,
    private readonly listeners: readonly SocketAsPromised[],
  ) {}

  static async open(options: UdpTransportOptions, onDatagram: DatagramHandler): Promise<UdpTransport> {
    const { domainId, iface } = options;
    const type = iface.family === 'IPv4' ? 'udp4' : 'udp6';
    const group = iface.family === 'IPv4' ? DEFAULT_MULTICAST_ADDRESS : IPV6_MULTICAST_ADDRESS;
    const holder: { transport?: UdpTransport } = {};
    const sources = new SourceLocators();
    const receiver = (via: 'metatraffic' | 'user') => (msg: Buffer, rinfo: { address: string; port: number }) => {
      const t = holder.transport;
      if (t === undefined || t.closed) return;
      t.counters.datagramsReceived++;
      t.counters.octetsReceived += msg.length;
      onDatagram(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), sources.get(rinfo.address, rinfo.port), via);
    };
    const unicast = async (port: number, via: 'metatraffic' | 'user'): Promise<SocketAsPromised> => {
      const s = DgramAsPromised.createSocket({ type }, receiver(via));
      try {
        await s.bind(port, iface.address);
      } catch (e) {
        s.destroy();
        throw e;
      }
      tune(s);
      s.setMulticastInterface(iface.family === 'IPv4' ? iface.address : `::%${iface.name}`);
      s.setMulticastLoopback(true);
      return s;
    };
    const multicast = async (port: number, via: 'metatraffic' | 'user'): Promise<SocketAsPromised> => {
      const s = DgramAsPromised.createSocket({ type, reuseAddr: true }, receiver(via));
      try {
        // Bound to the group, not the wildcard, so unicast to this port from elsewhere is not picked up twice.
        await s.bind(port, group);
        s.addMembership(group, iface.family === 'IPv4' ? iface.address : `::%${iface.name}`);
      } catch (e) {
        s.destroy();
        throw e;
      }
      tune(s);
      return s;
    };

    const ids = options.participantId !== undefined ? [options.participantId] : Array.from({ length: MAX_AUTO_PARTICIPANT_ID + 1 }, (_, i) => i);
    let bound: { id: number; meta: SocketAsPromised; user: SocketAsPromised } | undefined;
    for (const id of ids) {
      let meta: SocketAsPromised | undefined;
      try {
        meta = await unicast(spdpUnicastPort(domainId, id), 'metatraffic');
        const user = await unicast(userUnicastPort(domainId, id), 'user');
        bound = { id, meta, user };
        break;
      } catch (e) {
        meta?.destroy();
        if (!isAddressInUse(e) || options.participantId !== undefined) throw e;
      }
    }
    if (bound === undefined) throw new Error(`no free participant index in 0..${MAX_AUTO_PARTICIPANT_ID} for domain ${domainId}`);

    const listeners = options.spdpMulticast === false ? [] : [await multicast(spdpMulticastPort(domainId), 'metatraffic')];
    if (options.userMulticast === true) listeners.push(await multicast(userMulticastPort(domainId), 'user'));
    const locators: ParticipantLocators = {
      metatrafficUnicast: [locatorFor(iface.address, spdpUnicastPort(domainId, bound.id))],
      metatrafficMulticast: options.spdpMulticast === false ? [] : [locatorFor(group, spdpMulticastPort(domainId))],
      defaultUnicast: [locatorFor(iface.address, userUnicastPort(domainId, bound.id))],
      defaultMulticast: options.userMulticast === true ? [locatorFor(group, userMulticastPort(domainId))] : [],
    };
    const t = new UdpTransport(bound.id, locators, iface, bound.meta, bound.user, listeners);
    holder.transport = t;
    return t;
  }

  /**
   * The largest datagram the participant may send to `l`: the loopback MTU for loopback destinations, the
   * selected interface's otherwise (multicast included: it leaves through that interface).
   */
  maxDatagramSize(l: Locator): number {
    const a = socketAddressOf(l);
    if (a !== undefined && isLoopbackAddress(a) && !this.iface.loopback) return maxDatagramFor(readMtu('lo'), a.family);
    return maxDatagramFor(this.iface.mtu, this.iface.family);
  }

  /** Sends without waiting: the kernel queues; failures are counted by errno, never thrown. */
  send(t: Transmit): void {
    if (this.closed) return;
    let a = this.addresses.get(t.destination);
    if (a === undefined && !this.addresses.has(t.destination)) {
      a = socketAddressOf(t.destination);
      this.addresses.set(t.destination, a);
    }
    if (a === undefined || (a.family === 'IPv4') !== (this.iface.family === 'IPv4')) {
      this.counters.unroutable++;
      return;
    }
    const socket = t.source === 'metatraffic' ? this.metatraffic : this.user;
    this.counters.datagramsSent++;
    const parts = t.parts;
    let octets = 0;
    if (parts === undefined) octets = t.bytes.length;
    else for (const p of parts) octets += p.length;
    this.counters.octetsSent += octets;
    this.pending++;
    try {
      // The plain dgram socket: dgram-as-promised would allocate a promise per datagram. Parts go out gathered
      // (one sendmsg), so a 50 000-octet payload is never copied into a datagram buffer in JavaScript.
      socket.socket.send(parts === undefined ? t.bytes : (parts as Uint8Array[]), a.port, a.address, this.afterSend);
    } catch (e) {
      this.afterSend(e instanceof Error ? e : new Error(String(e)));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The last datagrams are usually the SPDP/SEDP disposes announcing that we leave: let them go out first.
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.allSettled([this.metatraffic, this.user, ...this.listeners].map((s) => s.close()));
  }
}

/** Bounds the cache of source locators (a scan from many ports must not grow it without end). */
const MAX_CACHED_SOURCES = 1024;

/** The Locator of a datagram's source, built once per address and port rather than per datagram. */
class SourceLocators {
  private readonly byAddress = new Map<string, Locator>();

  get(address: string, port: number): Locator {
    const key = `${address}|${port}`;
    let l = this.byAddress.get(key);
    if (l === undefined) {
      if (this.byAddress.size >= MAX_CACHED_SOURCES) this.byAddress.clear();
      l = locatorFor(address.split('%')[0]!, port);
      this.byAddress.set(key, l);
    }
    return l;
  }
}

function tune(s: SocketAsPromised): void {
  try {
    s.setRecvBufferSize(SOCKET_BUFFER_OCTETS);
    s.setSendBufferSize(SOCKET_BUFFER_OCTETS);
  } catch {
    // Capped or refused by the kernel (net.core.rmem_max): the default still works, only bursts suffer.
  }
}
