/** Decoded parameters remember where they were; values compare equal without that. */
export function withoutOffsets<T>(v: T): T {
  if (v instanceof Uint8Array || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(withoutOffsets) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'offset') out[k] = withoutOffsets(x);
  return out as T;
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

