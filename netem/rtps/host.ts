import type { ParticipantDriver, Transmit } from '../../rtps/participant/api.js';
import { LocatorKind, locatorIpv4, udpv4Locator } from '../../rtps/types/locator.js';
import type { Simulator, TimerHandle } from '../engine/simulator.js';
import type { Endpoint } from '../model/network.js';
import type { UdpDatagramInput } from '../pcap/udp-frame.js';
import type { UdpNetwork, UdpSocket } from '../traffic/udp.js';
import type { AddressBook } from './address-book.js';

/**
 * CPU time the DDS process spends per input and output, on the host's own core (a user-space thread, not the
 * softirq cores that run the datapath hops). Scaled by the node's background load like every hop.
 */
export interface HostCosts {
  /** recvmsg + RTPS header/submessage parsing of one datagram. */
  readonly rxPerDatagramNs: number;
  /** Copying and walking the datagram's bytes. */
  readonly rxPerByteNs: number;
  /** Message assembly + sendmsg of one datagram. */
  readonly txPerDatagramNs: number;
  readonly txPerByteNs: number;
  /** One timer expiry (heartbeat, SPDP announcement, response delay). */
  readonly timerNs: number;
}

export const ZERO_HOST_COSTS: HostCosts = { rxPerDatagramNs: 0, rxPerByteNs: 0, txPerDatagramNs: 0, txPerByteNs: 0, timerNs: 0 };

/** Impairments applied where the host hands datagrams to the network (netem links have loss and reordering, not these). */
export interface HostImpairments {
  /** Probability that a datagram is sent twice (drawn from the simulator's PRNG). */
  readonly duplicate?: number;
  /** True while the host is cut off from the network (partition): everything it sends or receives is lost. */
  readonly blocked?: (now: number) => boolean;
}

export interface SimHostOptions<E> {
  readonly sim: Simulator;
  readonly udp: UdpNetwork;
  readonly endpoint: Endpoint;
  readonly book: AddressBook;
  /** The ports the participant announced: SPDP unicast (metatraffic) and user unicast (9.6.2.3). */
  readonly ports: { readonly metatraffic: number; readonly user: number };
  readonly costs?: HostCosts;
  readonly impairments?: HostImpairments;
  /** Every event the participant reports, at the virtual time it reported it. */
  readonly onEvent?: (event: E, now: number) => void;
  /** Every datagram handed to the network, with the virtual send time (for pcap). */
  readonly capture?: (d: UdpDatagramInput) => void;
}

/** What a host saw, for tests and reports. */
export interface SimHostStats {
  sent: number;
  received: number;
  /** Transmits to an address nobody holds (multicast on a pod network, a peer outside the book). */
  unreachable: number;
  /** Datagrams lost to a partition (`blocked`). */
  blocked: number;
  duplicated: number;
}

/** More wake-ups than this at one virtual instant means the driver's deadline never moves past now. */
const MAX_TIMEOUTS_AT_ONE_INSTANT = 10_000;

class Job {
  constructor(
    readonly run: (now: number) => void,
    private readonly host: { afterJob(now: number): void },
    private readonly sim: Simulator,
  ) {}
  fire(): void {
    this.run(this.sim.now);
    this.host.afterJob(this.sim.now);
  }
}

/**
 * Drives a sans-I/O RTPS participant (any ParticipantDriver) from netem's virtual clock, as the UDP runtime does
 * from the wall clock: datagrams in through handleDatagram, transmits drained into UDP sends from the socket the
 * transmit names, one timer re-armed at pollTimeout(). All work runs FIFO on one simulated core, so `now` handed
 * to the participant never goes backwards and the DDS process's CPU time adds to the latency it measures.
 */
export class SimHost<E> {
  readonly ip: string;
  readonly stats: SimHostStats = { sent: 0, received: 0, unreachable: 0, blocked: 0, duplicated: 0 };
  private readonly sockets: { readonly metatraffic: UdpSocket; readonly user: UdpSocket };
  private readonly costs: HostCosts;
  private readonly loadFactor: number;
  private driver: ParticipantDriver<E> | undefined;
  private busyUntil = 0;
  private timer: TimerHandle | undefined;
  private timerAt: number | undefined;
  private timeoutQueued = false;
  private lastTimeoutAt = -1;
  private timeoutsAtSameTime = 0;

  constructor(private readonly o: SimHostOptions<E>) {
    this.ip = o.book.ipOf(o.endpoint.name);
    this.costs = o.costs ?? ZERO_HOST_COSTS;
    this.loadFactor = o.endpoint.node.loadFactor;
    o.udp.attach(o.endpoint);
    const bind = (port: number, via: 'metatraffic' | 'user'): UdpSocket =>
      o.udp.bind({ endpoint: o.endpoint.name, port }, (data, from, now) => this.receive(data, from.endpoint, from.port, via, now));
    this.sockets = { metatraffic: bind(o.ports.metatraffic, 'metatraffic'), user: bind(o.ports.user, 'user') };
  }

  /** The current virtual time (ns). */
  get now(): number {
    return this.o.sim.now;
  }

  /** Calls `fn(now)` after `delayNs` of virtual time, outside the host's core (an application timer). */
  after(delayNs: number, fn: (now: number) => void): TimerHandle {
    return this.o.sim.timer(delayNs, fn);
  }

  /** Starts driving `driver` (created at the current virtual time): sends what it queued, arms its timer. */
  attach(driver: ParticipantDriver<E>): void {
    if (this.driver !== undefined) throw new Error('netem/rtps: host already drives a participant');
    this.driver = driver;
    this.afterJob(this.o.sim.now);
  }

  /**
   * Runs application work (a write, a take) on the host's core after `costNs` of CPU, then drains what it caused.
   * `fn` receives the virtual time the work completes at.
   */
  submit(costNs: number, fn: (now: number) => void): void {
    const sim = this.o.sim;
    const start = this.busyUntil > sim.now ? this.busyUntil : sim.now;
    const done = start + Math.round(costNs * this.loadFactor);
    this.busyUntil = done;
    sim.at(done, new Job(fn, this, sim));
  }

  /** Drains transmits and events, then re-arms the timer: called after every job. */
  afterJob(now: number): void {
    const d = this.driver;
    if (d === undefined) return;
    for (let t = d.pollTransmit(); t !== undefined; t = d.pollTransmit()) {
      const tx = t;
      const cost = this.costs.txPerDatagramNs + this.costs.txPerByteNs * tx.bytes.length;
      // Copied: the participant may reuse its buffer, and the receiver keeps zero-copy views into what it gets.
      const bytes = tx.bytes.slice();
      this.submit(cost, (at) => this.transmit(tx, bytes, at));
    }
    for (let e = d.pollEvent(); e !== undefined; e = d.pollEvent()) this.o.onEvent?.(e, now);
    this.rearm();
  }

  private rearm(): void {
    const d = this.driver!;
    if (this.timeoutQueued) return;
    const at = d.pollTimeout();
    if (at === this.timerAt) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = at;
    if (at === undefined) return;
    const sim = this.o.sim;
    this.timer = sim.timer(Math.max(0, at - sim.now), () => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.timeoutQueued = true;
      this.submit(this.costs.timerNs, (now) => {
        this.timeoutQueued = false;
        this.checkProgress(now);
        d.handleTimeout(now);
      });
    });
  }

  /** Virtual time cannot advance past a driver that keeps asking to be woken now: fail loudly, not spin. */
  private checkProgress(now: number): void {
    this.timeoutsAtSameTime = now === this.lastTimeoutAt ? this.timeoutsAtSameTime + 1 : 0;
    this.lastTimeoutAt = now;
    if (this.timeoutsAtSameTime > MAX_TIMEOUTS_AT_ONE_INSTANT)
      throw new Error(`netem/rtps: the participant on ${this.o.endpoint.name} asked for ${this.timeoutsAtSameTime} timeouts at t=${now} ns without time advancing`);
  }

  private transmit(t: Transmit, bytes: Uint8Array, now: number): void {
    const dst = t.destination;
    const ip = dst.kind === LocatorKind.UDPv4 ? locatorIpv4(dst) : undefined;
    const endpoint = ip === undefined ? undefined : this.o.book.endpointOf(ip);
    if (ip === undefined || endpoint === undefined) {
      this.stats.unreachable++;
      return;
    }
    if (this.o.impairments?.blocked?.(now) === true) {
      this.stats.blocked++;
      return;
    }
    const socket = this.sockets[t.source];
    const copies = this.o.sim.rng.chance(this.o.impairments?.duplicate ?? 0) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      this.stats.sent++;
      this.o.capture?.({ timeNs: BigInt(now), srcIp: this.ip, srcPort: socket.address.port, dstIp: ip, dstPort: dst.port, payload: bytes });
      socket.send(bytes, { endpoint, port: dst.port });
    }
  }

  private receive(data: Uint8Array, fromEndpoint: string, fromPort: number, via: 'metatraffic' | 'user', now: number): void {
    if (this.driver === undefined) return;
    if (this.o.impairments?.blocked?.(now) === true) {
      this.stats.blocked++;
      return;
    }
    this.stats.received++;
    const source = udpv4Locator(this.o.book.ipOf(fromEndpoint), fromPort);
    const d = this.driver;
    this.submit(this.costs.rxPerDatagramNs + this.costs.rxPerByteNs * data.length, (at) => d.handleDatagram(at, data, source, via));
  }
}
