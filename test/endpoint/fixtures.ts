// Endpoints wired into a SimNetwork, and self-checking sample payloads.
import { DurabilityKind } from '../../rtps/discovery/qos-policies.js';
import { StatefulReader, type ReaderSettings } from '../../rtps/endpoint/stateful-reader.js';
import { StatefulWriter, type WriterSettings } from '../../rtps/endpoint/stateful-writer.js';
import type { Guid, GuidPrefix } from '../../rtps/types/guid.js';
import { udpv4Locator } from '../../rtps/types/locator.js';
import type { SimNetwork } from './sim-network.js';

export const MS = 1_000_000;

export function prefix(n: number): GuidPrefix {
  const p = new Uint8Array(12);
  p[0] = 0x01;
  p[11] = n;
  return p;
}

export const WRITER_ENTITY = 0x00000102; // user writer, no key
export const READER_ENTITY = 0x00000107;

export function writerGuid(n = 0): Guid {
  return { prefix: prefix(n), entityId: WRITER_ENTITY };
}

export function readerGuid(n: number): Guid {
  return { prefix: prefix(n), entityId: READER_ENTITY };
}

export const WRITER_DEFAULTS = {
  reliable: true,
  durability: DurabilityKind.VOLATILE,
  history: { kind: 'KEEP_ALL' },
  heartbeatPeriod: 100 * MS,
  nackResponseDelay: 5 * MS,
  fragmentSize: 100,
  maxMessageSize: 1400,
} as const satisfies Omit<WriterSettings, 'guid'>;

export const READER_DEFAULTS = {
  reliable: true,
  history: { kind: 'KEEP_ALL' },
  heartbeatResponseDelay: 5 * MS,
} as const satisfies Omit<ReaderSettings, 'guid'>;

export function makeWriter(net: SimNetwork, settings: Partial<WriterSettings> = {}, n = 0): StatefulWriter {
  const guid = writerGuid(n);
  const w = new StatefulWriter({ ...WRITER_DEFAULTS, guid, ...settings }, net.outbox(guid.prefix));
  net.addWriter(guid.prefix, w);
  return w;
}

export function makeReader(net: SimNetwork, n: number, settings: Partial<ReaderSettings> = {}): StatefulReader {
  const guid = readerGuid(n);
  const r = new StatefulReader({ ...READER_DEFAULTS, guid, ...settings }, net.outbox(guid.prefix));
  net.addReader(guid.prefix, r);
  return r;
}

/** Matches both ways, as SEDP would. */
export function match(
  now: number,
  w: StatefulWriter,
  r: StatefulReader,
  opts: { readerReliable?: boolean; readerDurability?: DurabilityKind; writerReliable?: boolean } = {},
): void {
  r.matchedWriterAdd({
    remoteWriterGuid: w.guid,
    unicastLocatorList: [udpv4Locator('127.0.0.1', 7411)],
    multicastLocatorList: [],
    reliable: opts.writerReliable ?? true,
  });
  w.matchedReaderAdd(now, {
    remoteReaderGuid: r.guid,
    unicastLocatorList: [udpv4Locator('127.0.0.1', 7412)],
    multicastLocatorList: [],
    expectsInlineQos: false,
    reliable: opts.readerReliable ?? true,
    durability: opts.readerDurability ?? DurabilityKind.VOLATILE,
  });
}

/** A CDR_LE-encapsulated payload of `size` (>= 8) octets that says which sample it is and checks its own bytes. */
export function samplePayload(index: number, size: number): Uint8Array {
  const b = new Uint8Array(Math.max(8, size));
  b[1] = 0x01;
  new DataView(b.buffer).setUint32(4, index, true);
  for (let i = 8; i < b.length; i++) b[i] = (index * 31 + i) & 0xff;
  return b;
}

/** The index of a payload made by samplePayload, or an exception if its bytes are not what was written. */
export function sampleIndex(b: Uint8Array): number {
  const index = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
  for (let i = 8; i < b.length; i++) if (b[i] !== ((index * 31 + i) & 0xff)) throw new Error(`sample ${index} corrupted at octet ${i}`);
  return index;
}
