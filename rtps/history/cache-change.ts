import type { Guid } from '../types/guid.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Time } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';

/**
 * ChangeKind_t (8.2.1.2, 9.6.4.9 PID_STATUS_INFO). NOT_ALIVE_DISPOSED_UNREGISTERED is the one StatusInfo
 * with both the disposed and unregistered flags, which writers send when they unregister a disposed instance.
 */
export const ChangeKind = {
  ALIVE: 'ALIVE',
  NOT_ALIVE_DISPOSED: 'NOT_ALIVE_DISPOSED',
  NOT_ALIVE_UNREGISTERED: 'NOT_ALIVE_UNREGISTERED',
  NOT_ALIVE_DISPOSED_UNREGISTERED: 'NOT_ALIVE_DISPOSED_UNREGISTERED',
} as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/**
 * InstanceHandle_t (8.2.1.2): the instance's 16-octet key hash (9.6.4.8 PID_KEY_HASH) as 32 lower-case hex
 * digits, a cheap Map key. Keyless topics have the single instance HANDLE_NIL.
 */
export type InstanceHandle = string;

/** The all-zero handle: the one instance of a keyless topic (8.2.1.2 HANDLE_NIL). */
export const HANDLE_NIL: InstanceHandle = '0'.repeat(32);

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Key hash (16 octets) to InstanceHandle (9.6.4.8). */
export function instanceHandleFromKeyHash(keyHash: Uint8Array): InstanceHandle {
  if (keyHash.length !== 16) throw new RangeError(`a key hash has 16 octets, got ${keyHash.length}`);
  let s = '';
  for (let i = 0; i < 16; i++) s += HEX[keyHash[i]!];
  return s;
}

/** InstanceHandle back to its 16-octet key hash (9.6.4.8). */
export function keyHashFromInstanceHandle(h: InstanceHandle): Uint8Array {
  if (!/^[0-9a-f]{32}$/.test(h)) throw new RangeError(`not an instance handle: ${h}`);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** CacheChange (8.2.2, 8.2.3): one change to one data-object, as held in a HistoryCache. */
export interface CacheChange {
  readonly kind: ChangeKind;
  readonly writerGuid: Guid;
  readonly instanceHandle: InstanceHandle;
  readonly sequenceNumber: SequenceNumber;
  /** SerializedPayload including its encapsulation header; a NOT_ALIVE change may carry only the key or nothing. */
  readonly data: Uint8Array | undefined;
  /** Inline QoS sent with the change (8.3.7.2 inlineQos), raw. */
  readonly inlineQos: readonly Parameter[] | undefined;
  /** From INFO_TS (8.3.7.9), when the writer sent one. */
  readonly sourceTimestamp: Time | undefined;
}
