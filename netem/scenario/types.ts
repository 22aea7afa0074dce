import type { Plugin, Scope } from '../datapath/chains.js';
import type { ParamName } from '../datapath/defaults.js';

/** A published measurement a datapath row is compared with. */
export interface Measured {
  /** Goodput in bit/s. */
  readonly bps: number;
  /** As written in the scenario, e.g. `904 Mbit/s`. */
  readonly text: string;
  readonly source: string;
}

export interface NodeDecl {
  readonly name: string;
  /** `switch` nodes only forward (their egress queues drop at `linux.txqueuelen`); `host` nodes run endpoints. */
  readonly kind: 'host' | 'switch';
  readonly cores: number | undefined;
  readonly backgroundLoad: number | undefined;
}

export interface LinkDecl {
  readonly a: string;
  readonly b: string;
  readonly bandwidthBps: number;
  readonly delayNs: number;
  /** Defaults to the `mtu.nic` parameter. */
  readonly mtu: number | undefined;
  readonly loss: number;
  readonly jitterNs: number;
  readonly reorder: boolean;
}

/** One compared setup: a TCP bulk flow from a pod (or host) to another endpoint. */
export interface DatapathDecl {
  readonly name: string;
  readonly plugin: Plugin;
  readonly scope: Scope;
  readonly from: string;
  readonly to: string;
  /** Datapath of the receiving end (`host` for a measurement server outside the cluster). */
  readonly toPlugin: Plugin;
  readonly note: string | undefined;
  /** Absent when the source did not publish a number; `unmeasured` then says why. */
  readonly measured: Measured | undefined;
  readonly unmeasured: string | undefined;
}

export interface TrafficDecl {
  readonly kind: 'tcp-bulk';
  /** Simulated seconds per run, in ns. */
  readonly durationNs: number;
  /** Start-up interval left out of the goodput average, like `iperf3 -O`, in ns. */
  readonly omitNs: number;
}

/** What every scenario file has, whatever its traffic: identity, provenance, assumptions and the topology. */
export interface ScenarioHeader {
  readonly name: string;
  readonly description: string;
  readonly source: { readonly document: string; readonly citation: string };
  readonly assumptions: readonly string[];
  readonly nodes: readonly NodeDecl[];
  readonly links: readonly LinkDecl[];
}

/** A scenario file, typed and checked. */
export interface Scenario extends ScenarioHeader {
  readonly traffic: TrafficDecl;
  /** Overrides of the defaults table (documented in netem/datapath/defaults.ts); `fit` results live here. */
  readonly parameters: Readonly<Partial<Record<ParamName, number>>>;
  /** Parameters `fit` may calibrate. */
  readonly fitParameters: readonly ParamName[];
  /** Name of the datapath the others are explained against. */
  readonly baseline: string;
  readonly datapaths: readonly DatapathDecl[];
}
