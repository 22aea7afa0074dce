import { resolveParams } from '../../netem/datapath/defaults.js';
import type { HostImpairments } from '../../netem/rtps/host.js';
import { Testbed } from '../../netem/rtps/testbed.js';
import type { TraceSink } from '../../netem/engine/trace.js';
import type { UdpDatagramInput } from '../../netem/pcap/udp-frame.js';
import { discovery } from '../../rtps/index.js';

export const S = 1_000_000_000;
export const MS = 1_000_000;

export interface LinkImpairment {
  readonly loss?: number;
  readonly jitterNs?: number;
  readonly reorder?: boolean;
}

/** Two pods (a on n1, b on n2) over one impaired 1 Gbit/s link, flannel VXLAN; participants announce every 200 ms. */
export function twoPods(o: {
  seed: number;
  link?: LinkImpairment;
  impairments?: (pod: string) => HostImpairments | undefined;
  trace?: TraceSink;
  capture?: (d: UdpDatagramInput) => void;
  leaseNs?: number;
}): Testbed {
  return new Testbed({
    seed: o.seed,
    params: resolveParams(),
    nodes: [
      { name: 'n1', kind: 'host', cores: 4, backgroundLoad: 0 },
      { name: 'n2', kind: 'host', cores: 4, backgroundLoad: 0 },
    ],
    links: [
      { a: 'n1', b: 'n2', bandwidthBps: 1e9, delayNs: 50_000, mtu: undefined, loss: o.link?.loss ?? 0, jitterNs: o.link?.jitterNs ?? 0, reorder: o.link?.reorder ?? false },
    ],
    pods: [
      { name: 'a', node: 'n1', plugin: 'flannel-vxlan', ip: '10.42.1.2' },
      { name: 'b', node: 'n2', plugin: 'flannel-vxlan', ip: '10.42.2.2' },
    ],
    impairments: o.impairments,
    trace: o.trace,
    capture: o.capture,
    participant: { spdpPeriod: 200 * MS, leaseDuration: o.leaseNs ?? 10 * S },
  });
}

export const RELIABLE = { reliability: { kind: discovery.ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 0, fraction: 0 } } };
export const BEST_EFFORT = { reliability: { kind: discovery.ReliabilityKind.BEST_EFFORT, maxBlockingTime: { seconds: 0, fraction: 0 } } };
export const KEEP_ALL = { history: { kind: discovery.HistoryKind.KEEP_ALL, depth: 1 } };
