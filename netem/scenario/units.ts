/** Parses `<number> <unit>` quantities of scenario files; returns undefined when the text is not one. */
const RATE: Record<string, number> = { 'bit/s': 1, 'kbit/s': 1e3, 'Mbit/s': 1e6, 'Gbit/s': 1e9, bps: 1, kbps: 1e3, Mbps: 1e6, Gbps: 1e9 };
const TIME: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

function parse(text: string, units: Record<string, number>): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([A-Za-z/]+)\s*$/.exec(text);
  if (m === null) return undefined;
  const scale = units[m[2]!];
  return scale === undefined ? undefined : Number(m[1]) * scale;
}

/** `1 Gbit/s`, `904 Mbit/s`, `10Gbps` -> bit/s. */
export function parseRate(text: string): number | undefined {
  return parse(text, RATE);
}

/** `2 ms`, `100us`, `1.5 s` -> integer ns. */
export function parseDuration(text: string): number | undefined {
  const v = parse(text, TIME);
  return v === undefined ? undefined : Math.round(v);
}

/** Unit names accepted, for error messages. */
export const RATE_UNITS = Object.keys(RATE).join(', ');
export const TIME_UNITS = Object.keys(TIME).join(', ');
