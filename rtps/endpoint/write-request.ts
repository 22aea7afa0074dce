import type { ChangeKind } from '../history/cache-change.js';
import type { WriteRejection } from '../history/writer-history-cache.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Time } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';

/** The optional parts of a DataWriter write (DDS 2.2.2.4.2.11 write_w_timestamp; 8.2.1.2 ChangeKind). */
export interface WriteOptions {
  /** The instance's 16-octet key hash (9.6.4.8); absent for keyless topics. Sent inline as PID_KEY_HASH. */
  readonly keyHash?: Uint8Array;
  /** Sent as INFO_TS before the DATA (8.3.7.9); absent means none. */
  readonly sourceTimestamp?: Time;
  /** ALIVE by default; NOT_ALIVE kinds carry at most the serialized key (see dispose / unregister). */
  readonly kind?: ChangeKind;
  /** Further inline QoS parameters (8.7.2.2), sent after the key hash and status info. */
  readonly inlineQos?: readonly Parameter[];
}

/** dispose / unregister of an instance (DDS 2.2.2.4.2.10, 2.2.2.4.2.13). */
export interface InstanceOptions {
  /** The serialized key with its encapsulation header, sent as the DATA's key payload (K flag). */
  readonly key?: Uint8Array;
  readonly sourceTimestamp?: Time;
}

/**
 * Outcome of a write. Refused: nothing was sent and no sequence number used; `wouldBlock` says acknowledgements
 * can free room (KEEP_ALL / RESOURCE_LIMITS, DDS 2.2.2.4.2.11), so the caller may retry after handling input.
 */
export type WriteResult =
  | { readonly ok: true; readonly sequenceNumber: SequenceNumber }
  | { readonly ok: false; readonly reason: WriteRejection; readonly wouldBlock: boolean };
