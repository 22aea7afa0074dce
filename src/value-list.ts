import type { SweepAxis } from '../netem/index.js';
import { UsageError } from './cli/usage-error.js';

/** What each sweep axis accepts, for parsing and for --help. */
interface AxisSpec {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

export const AXES: Readonly<Record<SweepAxis, AxisSpec>> = {
  bandwidth: { unit: 'bit/s', min: 1e3, max: 1e12, integer: false },
  mtu: { unit: 'bytes', min: 576, max: 65535, integer: true },
  size: { unit: 'bytes of TCP payload per segment, like iperf3 -M', min: 64, max: 65535, integer: true },
  loss: { unit: 'probability per packet per link', min: 0, max: 0.99, integer: false },
};

/** SI multipliers (k = 1000) and binary ones (Ki = 1024); `%` divides by 100. */
const SUFFIX: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, '%': 0.01 };
/** Unit words a value may end with; they carry no scale (`10Gbit/s` = `10G`). */
const UNIT_WORDS = /(bit\/s|bps|b\/s|B)$/;
/** A sweep runs every datapath at every value: keep it to a size a person waits for. */
export const MAX_VALUES = 200;

export const VALUE_LIST_HELP =
  'VALUES is a comma list (1G,2.5G,10G), an arithmetic range start:stop:step (1280:9000:1000, stop included when ' +
  'reached), or a geometric range start:stop:xFACTOR (100M:10G:x10). Numbers take SI suffixes k M G T (x1000), ' +
  'binary Ki Mi Gi (x1024) or % (x0.01), and may end in a unit word (bit/s, bps, B): 10Gbit/s = 10G = 1e10. ' +
  `At most ${MAX_VALUES} values.`;

/** One number with an optional suffix, e.g. `2.5G`, `1e9`, `9000`, `1%`, `10Gbit/s`. */
export function parseQuantity(text: string, what: string): number {
  const t = text.trim().replace(UNIT_WORDS, '');
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(Ki|Mi|Gi|[kKMGT%]?)$/.exec(t);
  if (m === null) throw new UsageError(`${what}: "${text}" is not a number such as 1500, 2.5G, 1e9 or 1%`);
  return Number(m[1]) * SUFFIX[m[2]!]!;
}

/** Rounds away float noise from repeated addition/multiplication (0.1 + 0.2), keeping 12 significant digits. */
const tidy = (v: number): number => Number(v.toPrecision(12));

/**
 * Parses a value list for one axis (syntax in VALUE_LIST_HELP) and checks each value against the axis' range.
 * Throws UsageError naming the flag and the offending text.
 */
export function parseValueList(text: string, axis: SweepAxis, flag = '--vary'): number[] {
  const spec = AXES[axis];
  const what = `${flag} ${axis}`;
  let values: number[];
  const parts = text.split(':');
  if (parts.length === 1) {
    values = text.split(',').map((t) => parseQuantity(t, what));
  } else if (parts.length === 3) {
    const start = parseQuantity(parts[0]!, what);
    const stop = parseQuantity(parts[1]!, what);
    const stepText = parts[2]!.trim();
    if (stop < start) throw new UsageError(`${what}: stop ${parts[1]} is below start ${parts[0]}`);
    values = [];
    if (stepText.startsWith('x')) {
      const factor = parseQuantity(stepText.slice(1), what);
      if (!(factor > 1)) throw new UsageError(`${what}: the factor of ${stepText} must be above 1`);
      if (!(start > 0)) throw new UsageError(`${what}: a geometric range needs a start above 0, got ${parts[0]}`);
      for (let v = start; v <= stop * (1 + 1e-9) && values.length <= MAX_VALUES; v = tidy(v * factor)) values.push(v);
    } else {
      const step = parseQuantity(stepText, what);
      if (!(step > 0)) throw new UsageError(`${what}: the step ${stepText} must be above 0`);
      const n = Math.floor((stop - start) / step + 1e-9) + 1;
      if (n > MAX_VALUES) throw new UsageError(`${what}: ${text} makes ${n} values; at most ${MAX_VALUES}`);
      values = Array.from({ length: n }, (_, i) => tidy(start + i * step));
    }
  } else {
    throw new UsageError(`${what}: "${text}" is neither a comma list nor start:stop:step`);
  }
  if (values.length > MAX_VALUES) throw new UsageError(`${what}: ${text} makes more than ${MAX_VALUES} values`);
  for (const v of values) {
    if (!Number.isFinite(v) || v < spec.min || v > spec.max)
      throw new UsageError(`${what}: ${v} is outside ${spec.min}..${spec.max} ${spec.unit}`);
    if (spec.integer && !Number.isInteger(v)) throw new UsageError(`${what}: ${v} is not a whole number of ${spec.unit}`);
  }
  return values;
}

/** `--vary AXIS=VALUES` → the axis and its values. */
export function parseVary(text: string): { axis: SweepAxis; values: number[] } {
  const eq = text.indexOf('=');
  const axis = text.slice(0, eq);
  if (eq < 0 || !(axis in AXES))
    throw new UsageError(`--vary wants AXIS=VALUES with AXIS one of ${Object.keys(AXES).join(', ')}, got "${text}"`);
  return { axis: axis as SweepAxis, values: parseValueList(text.slice(eq + 1), axis as SweepAxis) };
}
