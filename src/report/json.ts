/** JSON for scripts: bigints become decimal strings and byte arrays become lower-case hex. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
    if (v instanceof Uint32Array) return Array.from(v);
    return v;
  }, indent);
}
