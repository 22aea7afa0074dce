import { makeGuidPrefix, type ParticipantConfig } from '../../rtps/participant/config.js';
import { seededRandom } from '../../rtps/participant/environment.js';
import type { ParticipantEvent } from '../../rtps/participant/events.js';
import { Participant } from '../../rtps/participant/participant.js';
import { spdpUnicastPort, userUnicastPort } from '../../rtps/participant/port-mapping.js';
import { udpv4Locator } from '../../rtps/types/locator.js';
import { chainFor, type Plugin } from '../datapath/chains.js';
import type { Params } from '../datapath/defaults.js';
import { Simulator } from '../engine/simulator.js';
import type { TraceSink } from '../engine/trace.js';
import { Network } from '../model/network.js';
import type { UdpDatagramInput } from '../pcap/udp-frame.js';
import type { LinkDecl, NodeDecl } from '../scenario/types.js';
import { UdpNetwork } from '../traffic/udp.js';
import { AddressBook } from './address-book.js';
import { SimHost, type HostCosts, type HostImpairments } from './host.js';

/** A pod running one RTPS participant. */
export interface PodSpec {
  readonly name: string;
  readonly node: string;
  readonly plugin: Plugin;
  readonly ip: string;
}

export interface TestbedOptions {
  readonly seed: number;
  readonly params: Params;
  readonly nodes: readonly Pick<NodeDecl, 'name' | 'kind' | 'cores' | 'backgroundLoad'>[];
  readonly links: readonly LinkDecl[];
  readonly pods: readonly PodSpec[];
  readonly domainId?: number;
  readonly costs?: HostCosts;
  readonly impairments?: (pod: string) => HostImpairments | undefined;
  /** Participant settings on top of the testbed's (addresses, peers, MTU-derived datagram size). */
  readonly participant?: Partial<Omit<ParticipantConfig, 'guidPrefix' | 'random'>>;
  readonly trace?: TraceSink;
  readonly capture?: (d: UdpDatagramInput) => void;
}

/** One pod of a testbed: its participant, the host driving it and where its events go. */
export interface Pod {
  readonly spec: PodSpec;
  readonly participant: Participant;
  readonly host: SimHost<ParticipantEvent>;
  readonly podMtu: number;
  /** Replaced by the application running in the pod. */
  onEvent: (event: ParticipantEvent, now: number) => void;
}

/** UDP/IPv4 headers a datagram pays inside the pod MTU. */
const UDP_IP_HEADERS = 28;

/**
 * A simulated cluster with RTPS participants in pods: the scenario's nodes and links (queues as netem's TCP runs
 * use them), each pod's datapath chain, a UDP network and one SimHost + Participant per pod. Participants find
 * each other by unicast SPDP to every other pod's SPDP port (the modelled pod networks have no multicast) and
 * never send a datagram larger than their pod MTU allows.
 */
export class Testbed {
  readonly sim: Simulator;
  readonly net: Network;
  readonly udp: UdpNetwork;
  readonly book = new AddressBook();
  readonly pods = new Map<string, Pod>();

  constructor(o: TestbedOptions) {
    this.sim = new Simulator(o.seed, o.trace);
    this.net = new Network(this.sim, o.params);
    const kinds = new Map<string, 'host' | 'switch'>();
    for (const n of o.nodes) {
      this.net.addNode(n.name, n.cores, n.backgroundLoad);
      kinds.set(n.name, n.kind);
    }
    const q = (node: string): number => (kinds.get(node) === 'host' ? Infinity : o.params['linux.txqueuelen']);
    for (const l of o.links)
      this.net.addLink(
        { a: l.a, b: l.b, bandwidthBps: l.bandwidthBps, delayNs: l.delayNs, mtu: l.mtu ?? o.params['mtu.nic'], queuePackets: q(l.a), loss: l.loss, jitterNs: l.jitterNs, reorder: l.reorder },
        q(l.b),
      );
    this.udp = new UdpNetwork(this.net);
    for (const p of o.pods) this.book.add(p.ip, p.name);
    const domainId = o.domainId ?? 0;
    const spdpPort = spdpUnicastPort(domainId, 0);
    const userPort = userUnicastPort(domainId, 0);
    o.pods.forEach((spec, i) => {
      const endpoint = this.net.addEndpoint(spec.name, spec.node, chainFor(spec.plugin, 'pod', o.params));
      const podMtu = endpoint.chain.podMtu;
      const host = new SimHost<ParticipantEvent>({
        sim: this.sim,
        udp: this.udp,
        endpoint,
        book: this.book,
        ports: { metatraffic: spdpPort, user: userPort },
        costs: o.costs,
        impairments: o.impairments?.(spec.name),
        onEvent: (e, now) => pod.onEvent(e, now),
        capture: o.capture,
      });
      const random = seededRandom(this.sim.rng.nextU32() ^ i);
      const participant = new Participant(
        {
          domainId,
          participantId: 0,
          useMulticast: false,
          maxDatagramSize: () => podMtu - UDP_IP_HEADERS,
          ...o.participant,
          guidPrefix: makeGuidPrefix(random),
          random,
          metatrafficUnicastLocators: [udpv4Locator(spec.ip, spdpPort)],
          defaultUnicastLocators: [udpv4Locator(spec.ip, userPort)],
          initialPeers: o.pods.filter((p) => p !== spec).map((p) => udpv4Locator(p.ip, spdpPort)),
        },
        this.sim.now,
      );
      // Events flow only after attach(), by which time `pod` exists.
      const pod: Pod = { spec, podMtu, host, participant, onEvent: () => undefined };
      this.pods.set(spec.name, pod);
    });
    for (const pod of this.pods.values()) pod.host.attach(pod.participant);
  }

  pod(name: string): Pod {
    const p = this.pods.get(name);
    if (p === undefined) throw new Error(`netem/rtps: no pod ${name}`);
    return p;
  }
}
