import type { ParamName } from '../datapath/defaults.js';
import type { DatapathDecl, Scenario } from '../scenario/types.js';

/** A datapath row without its measurement: all the simulator may see. */
export type DatapathModel = Omit<DatapathDecl, 'measured' | 'unmeasured'>;

/** A scenario without any measured value. `simulate` works on this, so it cannot peek at what it is compared with. */
export interface ScenarioModel extends Omit<Scenario, 'datapaths' | 'fitParameters' | 'source' | 'assumptions' | 'description'> {
  readonly datapaths: readonly DatapathModel[];
}

/** Strips measurements (and prose) off a scenario. */
export function modelOf(s: Scenario): ScenarioModel {
  return {
    name: s.name,
    nodes: s.nodes,
    links: s.links,
    traffic: s.traffic,
    parameters: s.parameters,
    baseline: s.baseline,
    datapaths: s.datapaths.map(({ measured: _m, unmeasured: _u, ...rest }) => rest),
  };
}

/** Explain's causes: each switch turns one source of overhead off in the model. */
export interface ModelSwitches {
  /** Tunnel header bytes. */
  readonly encap: boolean;
  /** The plugin's pod MTU below what its tunnel needs (more packets, more headers per byte). */
  readonly mtu: boolean;
  /** CPU cost of the datapath's hops besides the socket's own TCP/IP stack. */
  readonly cpu: boolean;
  /** Queue limits, jitter and reordering of links. */
  readonly queue: boolean;
  /** TCP's handshake round trip (slow start is left out of the average by the scenario's omit interval). */
  readonly protocol: boolean;
}

export const ALL_ON: ModelSwitches = { encap: true, mtu: true, cpu: true, queue: true, protocol: true };

export type ParamOverrides = Readonly<Partial<Record<ParamName, number>>>;
