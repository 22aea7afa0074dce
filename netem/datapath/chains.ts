import type { Params } from './defaults.js';

/** Software hops a packet can cross inside a node; each has a CPU cost in the defaults table (`cpu.<kind>.*`). */
export type HopKind = 'stack' | 'veth' | 'bridge' | 'route' | 'snat' | 'vxlan' | 'ipip' | 'macvlan' | 'hostDevice';

/**
 * Datapaths netem models. `bridge` is a veth pair into a Linux bridge (kubenet, kube-router, flannel host-gw);
 * `host` is the node's own network namespace (the baseline); `host-device` moves a physical NIC into the pod.
 */
export const PLUGINS = [
  'host',
  'bridge',
  'calico-ipip',
  'calico-vxlan',
  'flannel-vxlan',
  'weave-fastdp',
  'macvlan',
  'host-device',
] as const;
export type Plugin = (typeof PLUGINS)[number];

/**
 * Where the traffic goes: `pod` = to a pod on another node of the same cluster (overlays encapsulate);
 * `external` = to a host outside the cluster (overlay CNIs do NOT encapsulate it; they SNAT it to the node's address
 * through iptables/conntrack: Calico natOutgoing, flannel ip-masq, Weave's masquerade rule, kubenet's MASQUERADE).
 */
export type Scope = 'pod' | 'external';

export interface Hop {
  readonly kind: HopKind;
  /** Bytes of tunnel header pushed on the way out (and popped on the way in). */
  readonly encap: number;
}

/** A datapath: the pod's MTU and the hops from the pod's socket to the wire (`tx`) and back (`rx`). */
export interface Chain {
  readonly plugin: Plugin;
  readonly scope: Scope;
  readonly podMtu: number;
  readonly tx: readonly Hop[];
  readonly rx: readonly Hop[];
}

/** Model switches used by `explain`: each turns one cause of overhead off. */
export interface ChainSwitches {
  /** Tunnel header bytes (off: tunnels add 0 bytes). */
  readonly encap: boolean;
  /** The plugin's pod MTU choice (off: the largest MTU that fits the NIC with this chain's tunnel bytes). */
  readonly mtu: boolean;
}

const h = (kind: HopKind, encap = 0): Hop => ({ kind, encap });

function txHops(plugin: Plugin, scope: Scope, p: Params): Hop[] {
  const ext = scope === 'external';
  switch (plugin) {
    case 'host':
      return [h('stack')];
    case 'bridge':
      return ext ? [h('stack'), h('veth'), h('bridge'), h('route'), h('snat')] : [h('stack'), h('veth'), h('bridge'), h('route')];
    case 'calico-ipip':
      // Calico has no bridge: the veth's host end is routed (proxy ARP).
      return ext ? [h('stack'), h('veth'), h('route'), h('snat')] : [h('stack'), h('veth'), h('route'), h('ipip', p['ipip.encap'])];
    case 'calico-vxlan':
      return ext ? [h('stack'), h('veth'), h('route'), h('snat')] : [h('stack'), h('veth'), h('route'), h('vxlan', p['vxlan.encap'])];
    case 'flannel-vxlan':
      // cni0 bridge, then the flannel.1 VXLAN device.
      return ext
        ? [h('stack'), h('veth'), h('bridge'), h('route'), h('snat')]
        : [h('stack'), h('veth'), h('bridge'), h('route'), h('vxlan', p['vxlan.encap'])];
    case 'weave-fastdp':
      // weave bridge, then the Open vSwitch kernel datapath's VXLAN vport (fastdp).
      return ext
        ? [h('stack'), h('veth'), h('bridge'), h('route'), h('snat')]
        : [h('stack'), h('veth'), h('bridge'), h('vxlan', p['vxlan.encap'])];
    case 'macvlan':
      return [h('stack'), h('macvlan')];
    case 'host-device':
      return [h('stack'), h('hostDevice')];
  }
}

function podMtu(plugin: Plugin, p: Params): number {
  const nic = p['mtu.nic'];
  switch (plugin) {
    case 'calico-ipip':
      return Math.min(nic, p['mtu.calico.ipip']);
    case 'calico-vxlan':
      return nic + p['mtu.calico.vxlan'];
    case 'flannel-vxlan':
      return nic + p['mtu.flannel.vxlan'];
    case 'weave-fastdp':
      return Math.min(nic, p['mtu.weave']);
    default:
      return nic;
  }
}

/** The datapath of `plugin` for traffic of `scope`, with parameters `p` and explain's switches. */
export function chainFor(plugin: Plugin, scope: Scope, p: Params, sw: ChainSwitches = { encap: true, mtu: true }): Chain {
  const tx = txHops(plugin, scope, p).map((hop) => (sw.encap ? hop : h(hop.kind)));
  const rx = [...tx].reverse().map((hop) => ({ kind: hop.kind, encap: -hop.encap }));
  // Without the plugin's MTU choice the pod gets the largest MTU its tunnel (if any) still fits in the NIC.
  const largest = p['mtu.nic'] - tx.reduce((s, hop) => s + hop.encap, 0);
  return { plugin, scope, podMtu: sw.mtu ? podMtu(plugin, p) : largest, tx, rx };
}

/** Tunnel bytes a packet carries on the wire along `chain`. */
export function encapBytes(chain: Chain): number {
  return chain.tx.reduce((s, hop) => s + hop.encap, 0);
}
