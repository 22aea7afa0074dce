import { ByteWriter } from '../codec/byte-writer.js';
import { EncodeError } from '../codec/decode-error.js';
import type { Destination, Outbox } from '../endpoint/outbox.js';
import { GUIDPREFIX_UNKNOWN, guidPrefixEquals, type GuidPrefix } from '../types/guid.js';
import { locatorToString, type Locator } from '../types/locator.js';
import type { Time } from '../types/time.js';
import { PROTOCOLVERSION_2_5, type VendorId } from '../types/version.js';
import { RTPS_HEADER_SIZE, writeHeader } from '../wire/header.js';
import type { Parameter } from '../wire/parameter-list.js';
import { SUBMESSAGE_HEADER_SIZE } from '../wire/submessage-id.js';
import { writeSubmessage, type EntitySubmessage, type Submessage } from '../wire/submessage.js';
import type { InfoDestination } from '../wire/submessages/info-dst.js';
import type { InfoTimestamp } from '../wire/submessages/info-ts.js';
import type { Transmit } from './api.js';

/** Which of the participant's sockets a datagram leaves from (metatraffic: built-in endpoints). */
export type TrafficClass = Transmit['source'];

/** Octets of an INFO_DST: header 4 + GuidPrefix 12 (9.4.5.9). */
export const INFO_DST_SIZE = 16;
/** Octets of an INFO_TS with a timestamp: header 4 + Time 8 (9.4.5.12). */
export const INFO_TS_SIZE = 12;
/** Octets of an INFO_TS with the InvalidateFlag: header only (9.4.5.12). */
const INFO_TS_INVALIDATE_SIZE = 4;
/** What the assembler may put in front of one entity submessage in a datagram. */
export const DATAGRAM_OVERHEAD = RTPS_HEADER_SIZE + INFO_DST_SIZE + INFO_TS_SIZE;

interface Item {
  readonly guidPrefix: GuidPrefix | undefined;
  /** Encoded straight into its datagram: one allocation per datagram, and a payload is copied only once. */
  readonly submessage: EntitySubmessage;
  /** Octets of the encoded submessage. */
  readonly size: number;
  /** Only for DATA/DATA_FRAG: the INFO_TS state they must be read in. */
  readonly carriesTimestamp: boolean;
  readonly timestamp: Time | undefined;
}

interface Queue {
  readonly destination: Locator;
  readonly source: TrafficClass;
  readonly items: Item[];
}

type PayloadSubmessage = Extract<Submessage, { kind: 'DATA' | 'DATA_FRAG' }>;

/** Submessage header 4 + DATA's fixed fields 20 (9.4.5.3) / DATA_FRAG's 32 (9.4.5.4). */
const DATA_FIXED_SIZE = 4 + 20;
const DATA_FRAG_FIXED_SIZE = 4 + 32;

function parameterListSize(params: readonly Parameter[] | undefined): number {
  if (params === undefined) return 0;
  let n = 4; // PID_SENTINEL
  for (const p of params) n += 4 + ((p.value.length + 3) & ~3);
  return n;
}

/** Exact encoded size of a DATA/DATA_FRAG (writeSubmessage writes the payload unpadded). */
function payloadSubmessageSize(sm: PayloadSubmessage): number {
  return (
    (sm.kind === 'DATA' ? DATA_FIXED_SIZE : DATA_FRAG_FIXED_SIZE) + parameterListSize(sm.inlineQos) + (sm.serializedPayload?.length ?? 0)
  );
}

/** Measures submessages without payload by encoding them here; reused, so measuring allocates nothing. */
const scratch = new ByteWriter(true, 256);

/** Octets of an encoded submessage. */
function encodedSize(sm: EntitySubmessage): number {
  if (sm.kind === 'DATA' || sm.kind === 'DATA_FRAG') return payloadSubmessageSize(sm);
  scratch.pos = 0;
  writeSubmessage(scratch, sm, false);
  return scratch.pos;
}

/** What goes into a datagram, in order. */
type Part = EntitySubmessage | InfoDestination | InfoTimestamp;

function preludeSize(p: InfoDestination | InfoTimestamp): number {
  return p.kind === 'INFO_DST' ? INFO_DST_SIZE : p.invalidateFlag ? INFO_TS_INVALIDATE_SIZE : INFO_TS_SIZE;
}

const NO_DESTINATION: InfoDestination = { kind: 'INFO_DST', littleEndian: true, guidPrefix: GUIDPREFIX_UNKNOWN };
const INVALIDATE_TIMESTAMP: InfoTimestamp = { kind: 'INFO_TS', littleEndian: true, invalidateFlag: true };

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
    const item: Item = { guidPrefix: destination.guidPrefix, submessage, size: encodedSize(submessage), carriesTimestamp, timestamp };
    const seen = destination.locators.length > 1 ? new Set<string>() : undefined;
    for (const locator of destination.locators) {
      const key = `${source}|${locatorKey(locator)}`;
      if (seen !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
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
    let parts: Part[] = [];
    let size = 0;
    let dst: GuidPrefix | undefined;
    let ts: Time | undefined;
    const emit = (): void => {
      if (parts.length > 0) out.push(new GatheredTransmit(q.destination, q.source, this.datagram(parts, size)));
      parts = [];
      size = 0;
      dst = undefined;
      ts = undefined;
    };
    const prelude = (item: Item): (InfoDestination | InfoTimestamp)[] => {
      const pre: (InfoDestination | InfoTimestamp)[] = [];
      const wantDst = item.guidPrefix;
      if (!(wantDst === undefined ? dst === undefined : dst !== undefined && guidPrefixEquals(dst, wantDst))) {
        pre.push(wantDst === undefined ? NO_DESTINATION : { kind: 'INFO_DST', littleEndian: true, guidPrefix: wantDst });
      }
      if (item.carriesTimestamp && !sameTime(ts, item.timestamp)) {
        pre.push(item.timestamp === undefined ? INVALIDATE_TIMESTAMP : { kind: 'INFO_TS', littleEndian: true, invalidateFlag: false, timestamp: item.timestamp });
      }
      return pre;
    };
    const sizeOf = (pre: readonly (InfoDestination | InfoTimestamp)[], item: Item): number => {
      let n = item.size;
      for (const p of pre) n += preludeSize(p);
      return n;
    };
    for (const item of q.items) {
      let pre = prelude(item);
      let need = sizeOf(pre, item);
      if (parts.length > 0 && RTPS_HEADER_SIZE + size + need > limit) {
        emit();
        pre = prelude(item);
        need = sizeOf(pre, item);
      }
      if (RTPS_HEADER_SIZE + need > limit) {
        this.oversizeDrops++;
        continue;
      }
      for (const p of pre) parts.push(p);
      parts.push(item.submessage);
      size += need;
      dst = item.guidPrefix;
      if (item.carriesTimestamp) ts = item.timestamp;
      if (item.size % 4 !== 0) emit();
    }
    emit();
  }

  /**
   * The datagram as pieces: everything but large payloads is written into one buffer (one allocation per
   * datagram), and each large payload stays the caller's view, between two pieces of that buffer.
   */
  private datagram(parts: readonly Part[], size: number): Uint8Array[] {
    let gathered = 0;
    for (const p of parts) gathered += gatheredPayload(p)?.length ?? 0;
    const w = new ByteWriter(false, this.header.length + size - gathered);
    w.bytes(this.header);
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const p of parts) {
      const payload = gatheredPayload(p);
      if (payload === undefined) {
        writeSubmessage(w, p, false);
        continue;
      }
      // Written without its payload, then the header's octetsToNextHeader is made to count it (9.4.5.1.3).
      const start = w.pos;
      writeSubmessage(w, { ...(p as PayloadSubmessage), serializedPayload: EMPTY }, false);
      const length = w.pos - start - SUBMESSAGE_HEADER_SIZE + payload.length;
      if (length > 0xffff) throw new EncodeError(`${p.kind}.octetsToNextHeader`, `body of ${length} octets exceeds 65535`);
      w.patchU16(start + 2, length, p.littleEndian);
      pieces.push(w.finish().subarray(from), payload);
      from = w.pos;
    }
    if (from < w.pos || pieces.length === 0) pieces.push(w.finish().subarray(from));
    // The packing above relied on payloadSubmessageSize: a datagram of another length would be a bug.
    const written = w.pos + gathered;
    if (written !== this.header.length + size) throw new Error(`datagram of ${written} octets, ${this.header.length + size} planned`);
    return pieces;
  }
}

const EMPTY = new Uint8Array(0);
/** Payloads from this size on are gathered (sendmsg) rather than copied into the datagram buffer. */
const GATHER_THRESHOLD = 1024;

function gatheredPayload(p: Part): Uint8Array | undefined {
  if (p.kind !== 'DATA' && p.kind !== 'DATA_FRAG') return undefined;
  const payload = p.serializedPayload;
  return payload !== undefined && payload.length >= GATHER_THRESHOLD ? payload : undefined;
}

/**
 * A Transmit whose datagram is kept in pieces (`parts`): a host that can gather (sendmsg) sends them as they
 * are; `bytes` joins them, once, only for a host that asks for it.
 */
class GatheredTransmit implements Transmit {
  private joined: Uint8Array | undefined;

  constructor(
    readonly destination: Locator,
    readonly source: TrafficClass,
    readonly parts: readonly Uint8Array[],
  ) {}

  get bytes(): Uint8Array {
    if (this.joined === undefined) {
      if (this.parts.length === 1) {
        this.joined = this.parts[0]!;
      } else {
        let n = 0;
        for (const p of this.parts) n += p.length;
        const joined = new Uint8Array(n);
        let at = 0;
        for (const p of this.parts) {
          joined.set(p, at);
          at += p.length;
        }
        this.joined = joined;
      }
    }
    return this.joined;
  }
}

/** Locator keys are built once per Locator object: proxies hand the same objects for every send. */
const locatorKeys = new WeakMap<Locator, string>();

function locatorKey(l: Locator): string {
  let k = locatorKeys.get(l);
  if (k === undefined) {
    k = locatorToString(l);
    locatorKeys.set(l, k);
  }
  return k;
}
