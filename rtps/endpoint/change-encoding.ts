import { decodeInlineQos, KEY_HASH_LENGTH, keyHashParameter, StatusInfo, statusInfoParameter } from '../discovery/inline-qos.js';
import { ChangeKind, HANDLE_NIL, instanceHandleFromKeyHash, type CacheChange } from '../history/cache-change.js';
import type { EntityId, Guid } from '../types/guid.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Time } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';
import type { DataFrag } from '../wire/submessages/data-frag.js';
import type { Data } from '../wire/submessages/data.js';

/**
 * Octets around a DATA_FRAG's fragments in the datagram that carries it: RTPS header (20), INFO_DST (16),
 * INFO_TS (12), submessage header (4) and the DATA_FRAG fixed fields (32) (9.4.1, 9.4.5).
 */
const DATA_FRAG_DATAGRAM_OVERHEAD = 20 + 16 + 12 + 4 + 32;
/** octetsToNextHeader is 16 bits (9.4.5.1.3): the largest submessage body. */
const MAX_SUBMESSAGE_BODY = 0xffff;
const DATA_FRAG_FIXED_BODY = 32;

/** How a writer cuts samples into DATA_FRAGs (8.4.14.1): fragments above fragmentSize, datagrams up to maxMessageSize. */
export interface FragmentationSettings {
  /** Samples larger than this go as DATA_FRAG, in fragments of this size (at most 65535, 9.4.5.4 fragmentSize). */
  readonly fragmentSize: number;
  /** The largest datagram the transport carries. */
  readonly maxMessageSize: number;
}

/** Checks FragmentationSettings; a writer calls it once at construction. */
export function checkFragmentationSettings(s: FragmentationSettings): void {
  if (!Number.isInteger(s.fragmentSize) || s.fragmentSize < 1 || s.fragmentSize > 0xffff) {
    throw new RangeError(`fragmentSize must be an integer in 1..65535, got ${s.fragmentSize}`);
  }
  if (!Number.isInteger(s.maxMessageSize) || s.maxMessageSize < s.fragmentSize + DATA_FRAG_DATAGRAM_OVERHEAD) {
    throw new RangeError(`maxMessageSize ${s.maxMessageSize} cannot hold one fragment of ${s.fragmentSize} octets`);
  }
}

/** StatusInfo_t bits (9.6.4.9) of a change kind. */
export function statusInfoOf(kind: ChangeKind): number {
  switch (kind) {
    case ChangeKind.ALIVE:
      return 0;
    case ChangeKind.NOT_ALIVE_DISPOSED:
      return StatusInfo.DISPOSED;
    case ChangeKind.NOT_ALIVE_UNREGISTERED:
      return StatusInfo.UNREGISTERED;
    case ChangeKind.NOT_ALIVE_DISPOSED_UNREGISTERED:
      return StatusInfo.DISPOSED | StatusInfo.UNREGISTERED;
  }
}

/**
 * The inline QoS a writer attaches to a change (8.7.2.2, 9.6.4.8, 9.6.4.9): the key hash whenever the topic is
 * keyed (Cyclone DDS sends it too, and readers need it to tell instances apart without the type), and
 * PID_STATUS_INFO for dispose/unregister. Undefined when there is nothing to send.
 */
export function changeInlineQos(kind: ChangeKind, keyHash: Uint8Array | undefined, extra: readonly Parameter[] = []): Parameter[] | undefined {
  const out: Parameter[] = [];
  if (keyHash !== undefined) out.push(keyHashParameter(keyHash));
  const status = statusInfoOf(kind);
  if (status !== 0) out.push(statusInfoParameter(status));
  out.push(...extra);
  return out.length === 0 ? undefined : out;
}

/** Octets a parameter list takes on the wire, sentinel included (9.4.2.11). */
function parameterListSize(params: readonly Parameter[] | undefined): number {
  if (params === undefined) return 0;
  let n = 4;
  for (const p of params) n += 4 + ((p.value.length + 3) & ~3);
  return n;
}

/** Whether the change goes as DATA_FRAG (8.4.14.1). */
export function isFragmented(change: CacheChange, s: FragmentationSettings): boolean {
  return change.data !== undefined && change.data.length > s.fragmentSize;
}

/** Number of fragments of a fragmented change (8.3.7.3). */
export function fragmentCount(change: CacheChange, s: FragmentationSettings): number {
  return Math.ceil((change.data?.length ?? 0) / s.fragmentSize);
}

/** DATA (8.3.7.2) carrying a change: data for ALIVE, the serialized key (K flag) or nothing for NOT_ALIVE. */
export function dataSubmessage(change: CacheChange, readerId: EntityId, writerId: EntityId, littleEndian: boolean): Data {
  const alive = change.kind === ChangeKind.ALIVE;
  const inlineQos = change.inlineQos;
  return {
    kind: 'DATA',
    littleEndian,
    inlineQosFlag: inlineQos !== undefined,
    dataFlag: alive && change.data !== undefined,
    keyFlag: !alive && change.data !== undefined,
    nonStandardPayloadFlag: false,
    extraFlags: 0,
    readerId,
    writerId,
    writerSN: change.sequenceNumber,
    ...(inlineQos === undefined ? {} : { inlineQos }),
    ...(change.data === undefined ? {} : { serializedPayload: change.data }),
  };
}

/**
 * DATA_FRAGs (8.3.7.3) carrying `fragmentNumbers` (increasing; all when absent) of a fragmented change. Runs of
 * consecutive fragments share a submessage as far as maxMessageSize allows. Fragments are subarrays of the
 * sample, never copies. Inline QoS rides on every submessage so any fragment tells the reader the key hash.
 */
export function dataFragSubmessages(
  change: CacheChange,
  readerId: EntityId,
  writerId: EntityId,
  littleEndian: boolean,
  s: FragmentationSettings,
  fragmentNumbers?: readonly number[],
): DataFrag[] {
  const data = change.data!;
  const total = Math.ceil(data.length / s.fragmentSize);
  const qosSize = parameterListSize(change.inlineQos);
  const fit = Math.min(
    Math.floor((s.maxMessageSize - DATA_FRAG_DATAGRAM_OVERHEAD - qosSize) / s.fragmentSize),
    Math.floor((MAX_SUBMESSAGE_BODY - DATA_FRAG_FIXED_BODY - qosSize) / s.fragmentSize),
  );
  const perSubmessage = Math.max(1, fit);
  const out: DataFrag[] = [];
  const emit = (first: number, count: number): void => {
    const from = (first - 1) * s.fragmentSize;
    const to = Math.min(data.length, (first - 1 + count) * s.fragmentSize);
    out.push({
      kind: 'DATA_FRAG',
      littleEndian,
      inlineQosFlag: change.inlineQos !== undefined,
      keyFlag: change.kind !== ChangeKind.ALIVE,
      nonStandardPayloadFlag: false,
      extraFlags: 0,
      readerId,
      writerId,
      writerSN: change.sequenceNumber,
      fragmentStartingNum: first,
      fragmentsInSubmessage: count,
      fragmentSize: s.fragmentSize,
      sampleSize: data.length,
      ...(change.inlineQos === undefined ? {} : { inlineQos: change.inlineQos }),
      serializedPayload: data.subarray(from, to),
    });
  };
  if (fragmentNumbers === undefined) {
    for (let first = 1; first <= total; first += perSubmessage) emit(first, Math.min(perSubmessage, total - first + 1));
    return out;
  }
  let runStart = 0;
  let runLength = 0;
  for (const fn of fragmentNumbers) {
    if (fn < 1 || fn > total) continue;
    if (runLength > 0 && fn === runStart + runLength && runLength < perSubmessage) {
      runLength++;
      continue;
    }
    if (runLength > 0) emit(runStart, runLength);
    runStart = fn;
    runLength = 1;
  }
  if (runLength > 0) emit(runStart, runLength);
  return out;
}

/** What a reader needs of a received DATA / completed DATA_FRAG to make a CacheChange (8.3.7.2, 8.3.7.3). */
export interface ReceivedSample {
  readonly writerGuid: Guid;
  readonly sequenceNumber: SequenceNumber;
  readonly inlineQos: readonly Parameter[] | undefined;
  readonly littleEndian: boolean;
  /** The serializedPayload, if any. */
  readonly payload: Uint8Array | undefined;
  /** K flag: payload is the serialized key only. */
  readonly keyOnly: boolean;
  readonly sourceTimestamp: Time | undefined;
}

/** Computes the key hash of a keyed sample whose DATA carried no PID_KEY_HASH (9.6.4.8); undefined if keyless. */
export type KeyHashOf = (serializedPayload: Uint8Array, keyOnly: boolean) => Uint8Array | undefined;

/**
 * The CacheChange a received sample stands for (8.3.7.2.5 / 8.7.2.2): kind from PID_STATUS_INFO, instance from
 * PID_KEY_HASH or `keyHashOf`. Undefined when the sample carries nothing for the reader (filtered, or ALIVE
 * without data): the reader counts it as irrelevant. Throws DecodeError if the inline QoS is malformed.
 */
export function changeFromSample(s: ReceivedSample, keyHashOf: KeyHashOf | undefined): CacheChange | undefined {
  const qos = s.inlineQos === undefined ? undefined : decodeInlineQos(s.inlineQos, s.littleEndian);
  const status = qos?.statusInfo ?? 0;
  if ((status & StatusInfo.FILTERED) !== 0) return undefined;
  const disposed = (status & StatusInfo.DISPOSED) !== 0;
  const unregistered = (status & StatusInfo.UNREGISTERED) !== 0;
  const kind = disposed
    ? unregistered
      ? ChangeKind.NOT_ALIVE_DISPOSED_UNREGISTERED
      : ChangeKind.NOT_ALIVE_DISPOSED
    : unregistered
      ? ChangeKind.NOT_ALIVE_UNREGISTERED
      : ChangeKind.ALIVE;
  if (kind === ChangeKind.ALIVE && (s.payload === undefined || s.keyOnly)) return undefined;
  let keyHash = qos?.keyHash ?? (s.payload === undefined || keyHashOf === undefined ? undefined : keyHashOf(s.payload, s.keyOnly));
  if (keyHash !== undefined && keyHash.length !== KEY_HASH_LENGTH) keyHash = undefined;
  return {
    kind,
    writerGuid: s.writerGuid,
    instanceHandle: keyHash === undefined ? HANDLE_NIL : instanceHandleFromKeyHash(keyHash),
    sequenceNumber: s.sequenceNumber,
    data: s.payload,
    inlineQos: s.inlineQos,
    sourceTimestamp: s.sourceTimestamp,
  };
}
