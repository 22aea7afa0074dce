import { toJson } from '../report/json.js';

export type Cell = string | number | boolean | undefined;
export type Row = Readonly<Record<string, Cell>>;

export type OutputFormat = 'text' | 'json' | 'csv';

function csvCell(v: Cell): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header line; columns in the order of `columns`. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

/** Aligned plain-text columns for humans. */
export function toText(columns: readonly string[], rows: readonly Row[]): string {
  const cells = [columns as readonly string[], ...rows.map((r) => columns.map((c) => csvCell(r[c])))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n') + '\n';
}

/** Results in the format chosen by --json / --csv (text otherwise); `extra` only goes into JSON. */
export function formatResults(format: OutputFormat, columns: readonly string[], rows: readonly Row[], extra: object = {}): string {
  if (format === 'json') return toJson({ ...extra, results: rows }, { indent: 2 }) + '\n';
  if (format === 'csv') return toCsv(columns, rows);
  return toText(columns, rows);
}

export function outputFormat(a: { json?: boolean; csv?: boolean }): OutputFormat {
  return a.json === true ? 'json' : a.csv === true ? 'csv' : 'text';
}
