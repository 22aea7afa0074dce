import { ByteWriter } from '../codec/byte-writer.js';
import type { Destination, Outbox } from '../endpoint/outbox.js';
import { GUIDPREFIX_UNKNOWN, guidPrefixEquals, type GuidPrefix } from '../types/guid.js';
import { locatorToString, type Locator } from '../types/locator.js';
import type { Time } from '../types/time.js';
import { PROTOCOLVERSION_2_5, type VendorId } from '../types/version.js';
import { RTPS_HEADER_SIZE, writeHeader } from '../wire/header.js';
import { writeSubmessage, type EntitySubmessage, type Submessage } from '../wire/submessage.js';
import type { Transmit } from './api.js';

/** Which of the participant's sockets a datagram leaves from (metatraffic: built-in endpoints). */
export type TrafficClass = Transmit['source'];

/** Octets of an INFO_DST: header 4 + GuidPrefix 12 (9.4.5.9). */
export const INFO_DST_SIZE = 16;
/** Octets of an INFO_TS with a timestamp: header 4 + Time 8 (9.4.5.12). */
export const INFO_TS_SIZE = 12;
/** What the assembler may put in front of one entity submessage in a datagram. */
export const DATAGRAM_OVERHEAD = RTPS_HEADER_SIZE + INFO_DST_SIZE + INFO_TS_SIZE;

interface Item {
  readonly guidPrefix: GuidPrefix | undefined;
  readonly bytes: Uint8Array;
  /** Only for DATA/DATA_FRAG: the INFO_TS state they must be read in. */
  readonly carriesTimestamp: boolean;
  readonly timestamp: Time | undefined;
}

interface Queue {
  readonly destination: Locator;
  readonly source: TrafficClass;
  readonly items: Item[];
}

function encode(sm: Submessage): Uint8Array {
  const w = new ByteWriter(true, 64);
  writeSubmessage(w, sm, true);
  return w.finish();
}

const NO_DESTINATION = encode({ kind: 'INFO_DST', littleEndian: true, guidPrefix: GUIDPREFIX_UNKNOWN });
const INVALIDATE_TIMESTAMP = encode({ kind: 'INFO_TS', littleEndian: true, invalidateFlag: true });

function sameTime(a: Time | undefined, b: Time | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.seconds === b.seconds && a.fraction === b.fraction);
}

/**
 * Message assembly (8.3.3, 8.4.15.5): the participant's Outbox. Endpoints enqueue entity submessages per
 * Destination; flush() packs each locator's submessages, in order, into as few RTPS Messages as the locator's
 * datagram limit allows, inserting INFO_DST (8.3.7.7) where the addressed participant changes and INFO_TS
 * (8.3.7.11) before DATA/DATA_FRAG whose source timestamp differs from the one in force. A submessage whose
 * length is not a multiple of 4 (an unpadded payload) ends its datagram, so every header stays aligned.
 * A submessage that cannot fit even alone is dropped and counted, never sent oversized.
 */
export class MessageAssembler {
  private readonly queues = new Map<string, Queue>();
  private readonly header: Uint8Array;
  /** Submessages dropped because one alone exceeds the destination's datagram limit. */
  oversizeDrops = 0;

  constructor(
    guidPrefix: GuidPrefix,
    vendorId: VendorId,
    private readonly maxDatagramSize: (destination: Locator) => number,
  ) {
    const w = new ByteWriter(false, RTPS_HEADER_SIZE);
    writeHeader(w, { protocolVersion: PROTOCOLVERSION_2_5, vendorId, guidPrefix });
    this.header = w.finish();
  }

  /** The Outbox an endpoint writes to; its traffic leaves from the `source` socket. */
  outbox(source: TrafficClass): Outbox {
    return { enqueue: (destination, submessage, timestamp) => this.enqueue(source, destination, submessage, timestamp) };
  }

  enqueue(source: TrafficClass, destination: Destination, submessage: EntitySubmessage, timestamp?: Time): void {
    if (destination.locators.length === 0) return;
    const carriesTimestamp = submessage.kind === 'DATA' || submessage.kind === 'DATA_FRAG';
    const item: Item = { guidPrefix: destination.guidPrefix, bytes: encode(submessage), carriesTimestamp, timestamp };
    const seen = new Set<string>();
    for (const locator of destination.locators) {
      const key = `${source}|${locatorToString(locator)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let q = this.queues.get(key);
      if (q === undefined) {
        q = { destination: locator, source, items: [] };
        this.queues.set(key, q);
      }
      q.items.push(item);
    }
  }

  /** Packs everything enqueued since the last flush into datagrams, appended to `out` in enqueue order. */
  flush(out: Transmit[]): void {
    for (const q of this.queues.values()) this.pack(q, out);
    this.queues.clear();
  }

  private pack(q: Queue, out: Transmit[]): void {
    const limit = this.maxDatagramSize(q.destination);
    let parts: Uint8Array[] = [];
    let size = 0;
    let dst: GuidPrefix | undefined;
    let ts: Time | undefined;
    const emit = (): void => {
      if (parts.length > 0) out.push({ destination: q.destination, source: q.source, bytes: concat(this.header, parts, size) });
      parts = [];
      size = 0;
      dst = undefined;
      ts = undefined;
    };
    const prelude = (item: Item): Uint8Array[] => {
      const pre: Uint8Array[] = [];
      const wantDst = item.guidPrefix;
      if (!(wantDst === undefined ? dst === undefined : dst !== undefined && guidPrefixEquals(dst, wantDst))) {
        pre.push(wantDst === undefined ? NO_DESTINATION : encode({ kind: 'INFO_DST', littleEndian: true, guidPrefix: wantDst }));
      }
      if (item.carriesTimestamp && !sameTime(ts, item.timestamp)) {
        pre.push(item.timestamp === undefined ? INVALIDATE_TIMESTAMP : encode({ kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp: item.timestamp }));
      }
      return pre;
    };
    for (const item of q.items) {
      let pre = prelude(item);
      let need = pre.reduce((n, p) => n + p.length, 0) + item.bytes.length;
      if (parts.length > 0 && RTPS_HEADER_SIZE + size + need > limit) {
        emit();
        pre = prelude(item);
        need = pre.reduce((n, p) => n + p.length, 0) + item.bytes.length;
      }
      if (RTPS_HEADER_SIZE + need > limit) {
        this.oversizeDrops++;
        continue;
      }
      parts.push(...pre, item.bytes);
      size += need;
      dst = item.guidPrefix;
      if (item.carriesTimestamp) ts = item.timestamp;
      if (item.bytes.length % 4 !== 0) emit();
    }
    emit();
  }
}

function concat(header: Uint8Array, parts: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(header.length + size);
  bytes.set(header, 0);
  let at = header.length;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}
