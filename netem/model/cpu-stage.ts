import type { Simulator } from '../engine/simulator.js';
import type { Core } from './node.js';
import type { Packet } from './packet.js';
import type { Stage } from './stage.js';

/** CPU cost of one hop: ns per packet plus ns per byte of the packet as the hop sees it. */
export interface HopCost {
  readonly perPacketNs: number;
  readonly perByteNs: number;
}

/**
 * A software hop (stack, veth, bridge, iptables, tunnel...) executed on a core. It may push or pop tunnel headers
 * (`encapDelta`) and, on receive paths, drops when the core's backlog is full (netdev_max_backlog).
 */
export class CpuStage implements Stage {
  constructor(
    private readonly sim: Simulator,
    readonly label: string,
    private readonly core: Core,
    private readonly cost: HopCost,
    private readonly loadFactor: number,
    private readonly encapDelta: number,
    private readonly backlogLimit: number,
  ) {}

  arrive(p: Packet): void {
    const now = this.sim.now;
    const core = this.core;
    if (this.backlogLimit !== Infinity) {
      core.backlog.prune(now);
      if (core.backlog.length >= this.backlogLimit) {
        this.sim.counters.dropped++;
        this.sim.record('drop', p.id, 'backlog ' + this.label, p.size);
        return;
      }
    }
    const service = Math.round((this.cost.perPacketNs + this.cost.perByteNs * p.size) * this.loadFactor);
    const start = core.busyUntil > now ? core.busyUntil : now;
    const done = start + service;
    core.busyUntil = done;
    if (this.backlogLimit !== Infinity) core.backlog.push(done);
    p.encapBytes += this.encapDelta;
    this.sim.at(done, p);
  }
}
