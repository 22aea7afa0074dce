import { DepartureFifo } from './fifo.js';

/** One CPU core: a FIFO server. `busyUntil` is when it finishes the work already accepted. */
export class Core {
  busyUntil = 0;
  readonly backlog = new DepartureFifo();
}

/** A host, Kubernetes node or switch, with cores picked by flow id. */
export class SimNode {
  readonly cores: Core[];
  /** Service-time multiplier from background load: a core busy a fraction L of the time serves at (1 - L) speed. */
  readonly loadFactor: number;

  constructor(
    readonly name: string,
    cores: number,
    backgroundLoad: number,
  ) {
    this.cores = Array.from({ length: Math.max(1, cores) }, () => new Core());
    this.loadFactor = 1 / (1 - Math.min(0.99, Math.max(0, backgroundLoad)));
  }

  coreFor(flow: number): Core {
    return this.cores[flow % this.cores.length]!;
  }
}
