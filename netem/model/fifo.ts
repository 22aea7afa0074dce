/**
 * Departure times of the packets a resource has accepted but not yet finished, oldest first. Its length at time t
 * (after `prune(t)`) is the resource's queue occupancy in packets, which is what queue limits compare against.
 */
export class DepartureFifo {
  private buf: number[] = [];
  private head = 0;

  get length(): number {
    return this.buf.length - this.head;
  }

  push(t: number): void {
    this.buf.push(t);
  }

  /** Forgets the packets that have left by `now`. */
  prune(now: number): void {
    const b = this.buf;
    let h = this.head;
    while (h < b.length && b[h]! <= now) h++;
    if (h > 1024 && h * 2 > b.length) {
      this.buf = b.slice(h);
      h = 0;
    }
    this.head = h;
  }
}
