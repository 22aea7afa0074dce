/**
 * THE table of every default parameter of netem. Each entry carries its unit and where its value comes from (a
 * standard, a Linux default, a CNI plugin's manifest) or, for model constants no document fixes, why it was chosen.
 * A scenario overrides any entry by name under `parameters:`; `fit` writes calibrated values there, never here.
 *
 * CPU costs are EFFECTIVE model costs (ns of one core per packet, plus ns per byte of the packet as that hop sees it).
 * Hops of one flow on one node run on one core, so their costs add up; the node's core is a pipeline stage in series
 * with the NIC, and whichever is slower sets the rate. Default costs are order-of-magnitude estimates for a 2018-era
 * x86 server core; they are small enough that at 1 and 10 Gbit/s no default hop is the bottleneck, so any CPU-bound
 * gap in a scenario comes from a fitted (and declared) parameter.
 */
export interface ParameterDefault {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

const d = (value: number, unit: string, source: string): ParameterDefault => ({ value, unit, source });

export const DEFAULTS = {
  // ---- Header sizes (bytes) -----------------------------------------------------------------------------------------
  'eth.preamble': d(8, 'B', 'IEEE 802.3 clause 3.2: 7 B preamble + 1 B start-frame delimiter, on the wire per frame'),
  'eth.ifg': d(12, 'B', 'IEEE 802.3 clause 4.4.2: 96 bit-times minimum inter-frame gap'),
  'eth.header': d(14, 'B', 'IEEE 802.3: destination 6 + source 6 + EtherType 2 (no 802.1Q tag)'),
  'eth.fcs': d(4, 'B', 'IEEE 802.3: CRC-32 frame check sequence'),
  'ipv4.header': d(20, 'B', 'RFC 791: IPv4 header without options'),
  'udp.header': d(8, 'B', 'RFC 768'),
  'tcp.header': d(20, 'B', 'RFC 9293: TCP header without options'),
  'tcp.options': d(12, 'B', 'RFC 7323 timestamps (10 B + 2 NOP), on by default in Linux (net.ipv4.tcp_timestamps=1)'),
  'vxlan.encap': d(50, 'B', 'RFC 7348: outer IPv4 20 + outer UDP 8 + VXLAN 8 + inner Ethernet 14 (outer Ethernet is the link\'s)'),
  'ipip.encap': d(20, 'B', 'RFC 2003: one outer IPv4 header'),

  // ---- Pod MTU each plugin configures (bytes) ---------------------------------------------------------------------
  'mtu.nic': d(1500, 'B', 'Ethernet default MTU; scenarios with jumbo frames override it'),
  'mtu.calico.ipip': d(1440, 'B', 'calico.yaml ConfigMap `veth_mtu: "1440"`, the manifest default of Calico v3.x in 2018 (leaves room for IP-in-IP on 1460-MTU clouds)'),
  'mtu.calico.vxlan': d(-50, 'B (relative to NIC)', 'Calico VXLAN: NIC MTU - 50 (Calico MTU docs)'),
  'mtu.flannel.vxlan': d(-50, 'B (relative to NIC)', 'flannel vxlan backend writes FLANNEL_MTU = interface MTU - 50 into subnet.env'),
  'mtu.weave': d(1376, 'B', 'Weave Net default WEAVE_MTU (docs: "The default MTU is 1376 bytes"), sized for the sleeve fallback'),

  // ---- Linux kernel defaults --------------------------------------------------------------------------------------
  'linux.txqueuelen': d(1000, 'packets', 'ip link default txqueuelen of Ethernet devices (pfifo_fast/fq_codel limit)'),
  'linux.netdevMaxBacklog': d(1000, 'packets', 'net.core.netdev_max_backlog default: receive backlog per core'),
  'tcp.initcwnd': d(10, 'segments', 'RFC 6928, Linux default since 2.6.39'),
  'tcp.minRtoNs': d(200_000_000, 'ns', 'Linux TCP_RTO_MIN = HZ/5'),
  'tcp.delayedAckSegments': d(2, 'segments', 'RFC 5681 §4.2 / Linux: ACK at least every second full-sized segment'),
  'tcp.delayedAckNs': d(40_000_000, 'ns', 'Linux TCP_DELACK_MIN = HZ/25'),
  'tcp.windowBytes': d(3_145_728, 'B', 'net.ipv4.tcp_rmem max 6 MiB with tcp_adv_win_scale=1 (half for the window): largest autotuned receive window of a 2018 kernel'),
  'tcp.synBytes': d(60, 'B', 'SYN/SYN-ACK IP packet: IPv4 20 + TCP 20 + options 20 (MSS, SACK-permitted, timestamps, window scale)'),

  // ---- Node ---------------------------------------------------------------------------------------------------------
  'node.cores': d(8, 'cores', 'model choice: a flow uses one core to send and another to receive, so the count only matters with many flows'),
  'node.backgroundLoad': d(0, 'fraction of a core', 'idle test servers unless a scenario says otherwise; service times scale by 1/(1-load)'),

  // ---- Effective per-hop CPU costs (see the note at the top) ----------------------------------------------------
  // Per-packet costs are per wire-sized packet AMORTIZED over GSO/TSO batches: Linux pushes super-packets of up to
  // 64 KB (~44 segments at MTU 1500) through the stack, veth, bridge, netfilter and tunnels (all GSO-aware), so a
  // hop's ~0.3-1 us per-skb cost becomes ~10 ns per segment. Pure ACKs are not batched; the stack's per-packet cost is
  // sized for them. Per-byte costs (copies, checksums) are not amortized.
  'cpu.stack.perPacketNs': d(300, 'ns/packet', 'estimate: one ACK through the TCP receive path, or a data segment\'s share of a TSO send (one value for both)'),
  'cpu.stack.perByteNs': d(0.1, 'ns/B', 'estimate: one user<->kernel copy at ~10 GB/s'),
  'cpu.veth.perPacketNs': d(10, 'ns/packet', 'estimate: ~0.4 us per veth xmit + netif_rx of a GSO skb, amortized over ~44 segments'),
  'cpu.veth.perByteNs': d(0, 'ns/B', 'veth moves pointers, not bytes; fitted per scenario where the data demand it'),
  'cpu.bridge.perPacketNs': d(10, 'ns/packet', 'estimate: FDB lookup + forward of a GSO skb, amortized'),
  'cpu.bridge.perByteNs': d(0, 'ns/B', 'no copy'),
  'cpu.route.perPacketNs': d(5, 'ns/packet', 'estimate: one FIB lookup per GSO skb, amortized'),
  'cpu.route.perByteNs': d(0, 'ns/B', 'no copy'),
  'cpu.snat.perPacketNs': d(15, 'ns/packet', 'estimate: iptables nat table + conntrack lookup/MASQUERADE per GSO skb, amortized'),
  'cpu.snat.perByteNs': d(0, 'ns/B', 'no copy (checksum updated incrementally)'),
  'cpu.vxlan.perPacketNs': d(25, 'ns/packet', 'estimate: VXLAN encap/decap + outer route lookup per GSO skb (UDP tunnel GSO), amortized'),
  'cpu.vxlan.perByteNs': d(0, 'ns/B', 'no copy; checksums offloaded'),
  'cpu.ipip.perPacketNs': d(15, 'ns/packet', 'estimate: one IP header push/pop per GSO skb, amortized'),
  'cpu.ipip.perByteNs': d(0, 'ns/B', 'no copy'),
  'cpu.macvlan.perPacketNs': d(5, 'ns/packet', 'estimate: macvlan hash lookup on the parent device per GSO skb, amortized'),
  'cpu.macvlan.perByteNs': d(0, 'ns/B', 'no copy; fitted per scenario where the data demand it'),
  'cpu.hostDevice.perPacketNs': d(0, 'ns/packet', 'the physical NIC lives in the pod namespace: no extra hop'),
  'cpu.hostDevice.perByteNs': d(0, 'ns/B', 'no extra hop'),
} as const satisfies Record<string, ParameterDefault>;

/** Name of a tunable parameter, e.g. `cpu.veth.perByteNs`. */
export type ParamName = keyof typeof DEFAULTS;

/** A full set of parameter values (defaults merged with a scenario's overrides). */
export type Params = Readonly<Record<ParamName, number>>;

export function isParamName(name: string): name is ParamName {
  return Object.prototype.hasOwnProperty.call(DEFAULTS, name);
}

/** Defaults with `overrides` applied. */
export function resolveParams(overrides: Partial<Record<ParamName, number>> = {}): Params {
  const out = {} as Record<ParamName, number>;
  for (const k of Object.keys(DEFAULTS) as ParamName[]) out[k] = overrides[k] ?? DEFAULTS[k].value;
  return out;
}

/** Per-frame Ethernet bytes on the wire besides the IP packet: preamble + IFG + header + FCS (38 B by default). */
export function ethWireOverhead(p: Params): number {
  return p['eth.preamble'] + p['eth.ifg'] + p['eth.header'] + p['eth.fcs'];
}

/** IP + TCP header bytes of one data segment (52 B by default): MSS = MTU - this. */
export function tcpIpHeaders(p: Params): number {
  return p['ipv4.header'] + p['tcp.header'] + p['tcp.options'];
}
