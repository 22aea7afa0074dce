import type { Plugin } from '../datapath/chains.js';
import type { ParamName } from '../datapath/defaults.js';
import type { RtpsParamName } from '../rtps/defaults.js';
import type { ScenarioHeader } from './types.js';

/** A pod running a DDS participant: the node it runs on and its pod IP. */
export interface RtpsPodDecl {
  readonly node: string;
  readonly ip: string;
}

/** One cluster of an RTPS scenario: a distribution with its default datapath, on the scenario's hardware. */
export interface ClusterDecl {
  readonly name: string;
  /** What runs there, e.g. `K3s v1.2x (flannel VXLAN)`. */
  readonly distribution: string;
  readonly plugin: Plugin;
  readonly ping: RtpsPodDecl;
  readonly pong: RtpsPodDecl;
  /** Background load per node (fraction of each core): the distribution's control plane and agents. */
  readonly backgroundLoad: Readonly<Record<string, number>>;
  /** Overrides of netem's defaults for this cluster only (e.g. its CNI's MTU). */
  readonly parameters: Readonly<Partial<Record<ParamName, number>>>;
  readonly note: string | undefined;
}

export type RtpsMetric = 'rtt-p50' | 'packets-per-window' | 'background-load';

/**
 * A published qualitative finding, held as the scenario's "measured" fact: `cluster` is expected to be the
 * `expect` (lowest/highest) of all clusters on `metric`. The model's output is checked against it, never fed by it.
 */
export interface FindingDecl {
  readonly id: string;
  readonly claim: string;
  readonly source: string;
  readonly metric: RtpsMetric;
  readonly expect: 'lowest' | 'highest';
  readonly cluster: string;
}

/** A what-if variant of one cluster, run to show which assumption a finding would need. */
export interface CounterfactualDecl {
  readonly name: string;
  readonly reason: string;
  readonly cluster: string;
  readonly plugin: Plugin | undefined;
  readonly backgroundLoad: Readonly<Record<string, number>> | undefined;
  readonly parameters: Readonly<Partial<Record<ParamName, number>>>;
}

export interface RtpsTrafficDecl {
  readonly kind: 'rtps-pingpong';
  /** Serialized KeyedSeq sizes (octets), ddsperf style. */
  readonly sizes: readonly number[];
  readonly reliable: boolean;
  readonly warmup: number;
  /** Virtual time measured per size (ns). */
  readonly durationNs: number;
  readonly timeoutNs: number;
  /** Packet counting window (Wireshark I/O graph interval), ns. */
  readonly windowNs: number;
  /**
   * Largest datagram the DDS participants send (octets): absent = pod MTU - 28, so samples are fragmented at the
   * RTPS level (DATA_FRAG) and never by IP; up to 65 507 = DDS datagrams of up to 64 KiB that IP fragments.
   */
  readonly maxDatagram: number | undefined;
  /** The node whose NIC the packet counter watches (both directions), as Wireshark on that node would. */
  readonly captureNode: string;
}

/** An RTPS scenario file (`traffic.kind: rtps-pingpong`), typed and checked. */
export interface RtpsScenario extends ScenarioHeader {
  /** `nodes` and `links` are one cluster's hardware; every cluster runs on its own copy. */
  readonly parameters: Readonly<Partial<Record<ParamName, number>>>;
  readonly rtpsParameters: Readonly<Partial<Record<RtpsParamName, number>>>;
  readonly traffic: RtpsTrafficDecl;
  readonly clusters: readonly ClusterDecl[];
  readonly findings: readonly FindingDecl[];
  readonly counterfactuals: readonly CounterfactualDecl[];
}
