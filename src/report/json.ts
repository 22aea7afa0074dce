export interface JsonOptions {
  /** Byte arrays longer than this print as "<N bytes>" (payloads of 50 kB would drown the rest). */
  readonly maxBytes?: number;
  readonly indent?: number;
}

/** JSON for scripts: bigints become decimal strings and byte arrays lower-case hex. */
export function toJson(value: unknown, optionsOrIndent: JsonOptions | number = {}): string {
  const options = typeof optionsOrIndent === 'number' ? { indent: optionsOrIndent } : optionsOrIndent;
  const maxBytes = options.maxBytes ?? Infinity;
  // The holder's raw value, not `v`: Node's Buffer has a toJSON that runs before the replacer sees it.
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (typeof raw === 'bigint') return raw.toString();
      if (raw instanceof Uint8Array) {
        return raw.length > maxBytes ? `<${raw.length} bytes>` : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
      }
      if (raw instanceof Uint32Array) return Array.from(raw);
      return v;
    },
    options.indent,
  );
}
