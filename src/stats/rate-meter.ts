/** Samples and octets per second over the interval since the previous reading. */
export interface Rate {
  readonly samplesPerSecond: number;
  readonly megabitsPerSecond: number;
}

/** Counts samples and octets and turns them into rates per reporting interval and over the whole run. */
export class RateMeter {
  samples = 0;
  octets = 0;
  private lastSamples = 0;
  private lastOctets = 0;
  private lastAt: number;

  constructor(private startedAt: number) {
    this.lastAt = startedAt;
  }

  /** Starts the overall rate afresh (at the first sample, so waiting for a publisher does not count). */
  restart(now: number): void {
    this.startedAt = now;
    this.lastAt = now;
  }

  private lastSampleAt: number | undefined;

  /** One sample of `octets`, received at `now` (ns). */
  add(octets: number, now: number): void {
    this.samples++;
    this.octets += octets;
    this.lastSampleAt = now;
  }

  /** Rate since the previous interval() call; `now` in nanoseconds. */
  interval(now: number): Rate {
    const r = rate(this.samples - this.lastSamples, this.octets - this.lastOctets, now - this.lastAt);
    this.lastSamples = this.samples;
    this.lastOctets = this.octets;
    this.lastAt = now;
    return r;
  }

  /** Rate from the (re)start to the last sample, so idle time after the publisher stopped does not dilute it. */
  overall(now: number): Rate {
    return rate(this.samples, this.octets, (this.lastSampleAt ?? now) - this.startedAt);
  }
}

function rate(samples: number, octets: number, ns: number): Rate {
  if (ns <= 0) return { samplesPerSecond: 0, megabitsPerSecond: 0 };
  const s = ns / 1e9;
  return { samplesPerSecond: samples / s, megabitsPerSecond: (octets * 8) / s / 1e6 };
}
