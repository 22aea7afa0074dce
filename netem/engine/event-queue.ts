/**
 * Binary min-heap of events ordered by (time, insertion sequence): simultaneous events fire in the order they were
 * scheduled, which makes every run a pure function of its inputs. Parallel arrays avoid one object per comparison.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    let i = this.items.length;
    const s = this.seq++;
    this.times.push(time);
    this.seqs.push(s);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p]!;
      if (pt < time || (pt === time && this.seqs[p]! < s)) break;
      this.times[i] = pt;
      this.seqs[i] = this.seqs[p]!;
      this.items[i] = this.items[p]!;
      i = p;
    }
    this.times[i] = time;
    this.seqs[i] = s;
    this.items[i] = item;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.items.length === 0 ? Infinity : this.times[0]!;
  }

  /** Removes and returns the earliest event; the caller checks `size` first. */
  pop(): T {
    const top = this.items[0]!;
    const lastT = this.times.pop()!;
    const lastS = this.seqs.pop()!;
    const lastI = this.items.pop()!;
    const n = this.items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n) {
          const lt = this.times[l]!;
          const rt = this.times[r]!;
          if (rt < lt || (rt === lt && this.seqs[r]! < this.seqs[l]!)) c = r;
        }
        const ct = this.times[c]!;
        if (ct > lastT || (ct === lastT && this.seqs[c]! > lastS)) break;
        this.times[i] = ct;
        this.seqs[i] = this.seqs[c]!;
        this.items[i] = this.items[c]!;
        i = c;
      }
      this.times[i] = lastT;
      this.seqs[i] = lastS;
      this.items[i] = lastI;
    }
    return top;
  }
}
