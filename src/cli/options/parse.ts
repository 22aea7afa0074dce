import { isIP } from 'node:net';
import { maxDomainId, type Locator } from '../../../rtps/index.js';
import { locatorFor } from '../../transport/locator-address.js';
import { UsageError } from '../usage-error.js';

/** ddsperf's size units: binary multiples whatever the spelling (its "1k" is 1024 octets). */
const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1_048_576, mb: 1_048_576, mib: 1_048_576 };

/** An octet count such as 5000, 50k (51200, as ddsperf reads it), 1KiB or 2MB; throws UsageError naming the flag. */
export function parseOctets(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m === null ? undefined : SIZE_UNITS[m[2]!.toLowerCase()];
  const value = m === null || unit === undefined ? NaN : Number(m[1]) * unit;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} must be a whole number of octets such as 5000 or 50k, got "${text}"`);
  return value;
}

/** `start:stop:step` (inclusive), e.g. 5000:50000:5000 → 5000, 10000, ... 50000. */
export function parseSweep(text: string): number[] {
  const parts = text.split(':');
  if (parts.length !== 3) throw new UsageError(`--sweep wants start:stop:step such as 5000:50000:5000, got "${text}"`);
  const [start, stop, step] = parts.map((p) => parseOctets(p, '--sweep')) as [number, number, number];
  if (step <= 0) throw new UsageError(`--sweep step must be positive, got ${step}`);
  if (stop < start) throw new UsageError(`--sweep stop ${stop} is below start ${start}`);
  const count = Math.floor((stop - start) / step) + 1;
  if (count > 1000) throw new UsageError(`--sweep ${text} makes ${count} sizes; at most 1000`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** A KeyedSeq sample size as ddsperf accepts it: 0 (minimal) or at least 12 octets, at most 16 MiB. */
export function checkSampleSize(size: number, flag: string): number {
  if (!Number.isInteger(size) || size < 0 || (size > 0 && size < 12) || size > 16 * 1024 * 1024) {
    throw new UsageError(`${flag} must be 0 or between 12 and 16777216 octets (ddsperf counts seq, key and length), got ${size}`);
  }
  return size;
}

/** DDS domain id that fits the port mapping (0..232 with the default parameters). */
export function checkDomain(domain: number): number {
  const max = maxDomainId();
  if (!Number.isInteger(domain) || domain < 0 || domain > max) throw new UsageError(`--domain must be a whole number from 0 to ${max}, got ${domain}`);
  return domain;
}

/** A positive finite number (rates, durations). */
export function checkPositive(value: number, flag: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number, got ${value}`);
  return value;
}

/** A whole number >= min. */
export function checkInteger(value: number, flag: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number >= ${min}, got ${value}`);
  return value;
}

/**
 * An initial peer: `ADDRESS` or `ADDRESS:PORT` (IPv6 as `[ADDRESS]:PORT`). Without a port the participant probes
 * the SPDP unicast ports of the first participant indices at that address (port 0 stands for that).
 */
export function parsePeer(text: string): Locator {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  const m = bracketed ?? (isIP(text) === 6 ? [text, text, undefined] : plain);
  const address = m?.[1];
  const port = m?.[2] === undefined ? 0 : Number(m[2]);
  if (address === undefined || isIP(address) === 0 || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--peer wants an IP address with an optional port (10.1.2.3, 10.1.2.3:7410, [fd00::1]:7410), got "${text}"`);
  }
  return locatorFor(address, port);
}
