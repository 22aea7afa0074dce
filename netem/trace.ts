import { pack } from 'msgpackr';
import type { TraceRecord } from './engine/trace.js';

export type { TraceRecord, TraceSink } from './engine/trace.js';

/** Encodes an event log as one msgpack array of `[t, ev, pkt, at, bytes]` tuples (compact, order-preserving). */
export function encodeTrace(records: readonly TraceRecord[]): Uint8Array {
  return pack(records.map((r) => [r.t, r.ev, r.pkt, r.at, r.bytes]));
}

/** A sink that keeps every record in memory, for `encodeTrace`. */
export function collectTrace(): { readonly records: TraceRecord[]; readonly sink: (r: TraceRecord) => void } {
  const records: TraceRecord[] = [];
  return { records, sink: (r) => records.push(r) };
}
