/** Nearest-rank percentile (q in [0, 1]) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** Smallest and largest value (NaN for none); a loop, as spreading a long array overflows the stack. */
export function extent(values: readonly number[]): { readonly min: number; readonly max: number } {
  if (values.length === 0) return { min: NaN, max: NaN };
  let min = values[0]!;
  let max = min;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Frames per window over [start, end), like Wireshark's I/O graph with that interval. */
export interface WindowCounts {
  /** Complete windows in the interval (0 when it is shorter than one window). */
  readonly windows: number;
  /** Mean frames per window: over the complete windows, or scaled from the whole interval when there are none. */
  readonly mean: number;
  readonly max: number;
}

/**
 * Counts the frame times `times` (sorted ascending, ns) in consecutive windows of `windowNs` from `start`, over
 * the complete windows that fit before `end`.
 */
export function windowCounts(times: readonly number[], start: number, end: number, windowNs: number): WindowCounts {
  const span = end - start;
  const windows = Math.floor(span / windowNs);
  const from = lowerBound(times, start);
  if (windows === 0) {
    const n = lowerBound(times, end) - from;
    const scaled = span > 0 ? (n * windowNs) / span : 0;
    return { windows: 0, mean: scaled, max: scaled };
  }
  const counts = new Array<number>(windows).fill(0);
  const stop = start + windows * windowNs;
  for (let i = from; i < times.length && times[i]! < stop; i++) counts[Math.floor((times[i]! - start) / windowNs)]!++;
  return { windows, mean: mean(counts), max: counts.reduce((m, c) => (c > m ? c : m), 0) };
}

/** How many of the ascending `times` fall in [start, end). */
export function countBetween(times: readonly number[], start: number, end: number): number {
  return lowerBound(times, end) - lowerBound(times, start);
}

/** First index whose value is >= x in an ascending array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
