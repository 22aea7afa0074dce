import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import { toCsv, toText, type OutputFormat } from '../cli/table.js';
import type { Table } from './netem-tables.js';

/** A table as the user asked for it: aligned text or CSV (JSON documents are built by each command). */
export function renderTable(format: Exclude<OutputFormat, 'json'>, t: Table): string {
  return format === 'csv' ? toCsv(t.csvColumns, t.csv) : toText(t.columns, t.text);
}

/** Writes a report file, creating its directory; an unwritable path is the user's to fix (UsageError). */
export function writeReportFile(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Appends to a report file written by `writeReportFile` (streams of msgpack values). */
export function appendReportFile(path: string, content: Uint8Array): void {
  try {
    appendFileSync(path, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
