/** Human-readable quantities for tables (JSON and CSV carry the raw numbers). */

/** 904000000 → "904.0 Mbit/s", 9.88e9 → "9.880 Gbit/s": four significant digits, the unit of the magnitude. */
export function formatBps(bps: number): string {
  const abs = Math.abs(bps);
  const [scale, unit] = abs >= 1e9 ? [1e9, 'Gbit/s'] : abs >= 1e6 ? [1e6, 'Mbit/s'] : abs >= 1e3 ? [1e3, 'kbit/s'] : [1, 'bit/s'];
  const v = bps / scale;
  return `${v.toFixed(Math.max(0, 3 - Math.floor(Math.log10(Math.max(Math.abs(v), 1)))))} ${unit}`;
}

/** A goodput difference in Mbit/s with one decimal, e.g. "12.3 Mbit/s", "-0.4 Mbit/s". */
export function formatMbps(bps: number): string {
  const v = bps / 1e6;
  // No "-0.0": a cause that costs nothing reads as 0.
  return `${(Math.abs(v) < 0.05 ? 0 : v).toFixed(1)} Mbit/s`;
}

/** A signed percentage with two decimals: "+0.41 %". */
export function formatPct(pct: number): string {
  const v = Math.abs(pct) < 0.005 ? 0 : pct;
  return `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;
}

/** A sweep axis value as typed: bandwidth with a rate unit, loss as a percentage, sizes in bytes. */
export function formatAxisValue(axis: string, x: number): string {
  if (axis === 'bandwidth') return formatBps(x);
  if (axis === 'loss') return `${Number((x * 100).toPrecision(6))} %`;
  return `${x} B`;
}
