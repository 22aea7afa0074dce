import { attempt } from '../../rtps/codec/decode-error.js';
import { Encapsulation } from '../../rtps/cdr/encapsulation.js';
import { computeKeyHash } from '../../rtps/cdr/key-hash.js';
import { KeyedSeq } from '../../rtps/cdr/known-types.js';
import { deserializePayload, serializePayload } from '../../rtps/cdr/xcdr.js';

/** KeyedSeq's fixed members on the wire: seq (4), keyval (4), baggage length (4). */
export const KEYED_SEQ_FIXED = 12;

export const KEYED_SEQ_TYPE_NAME = 'KeyedSeq';

/**
 * A KeyedSeq sample (rtps/cdr/known-types.ts, Cyclone ddsperf's type) whose serialized body is `size` octets,
 * as ddsperf sizes its samples: XCDR1 little-endian with its 4-octet encapsulation header in front.
 */
export function keyedSeqPayload(seq: number, keyval: number, size: number): Uint8Array {
  const baggage = new Uint8Array(Math.max(0, size - KEYED_SEQ_FIXED));
  for (let i = 0; i < baggage.length; i++) baggage[i] = (seq + i) & 0xff;
  return serializePayload(KeyedSeq, { seq, keyval, baggage }, Encapsulation.CDR_LE);
}

/** The `seq` member of a KeyedSeq payload, undefined if it is not one. */
export function keyedSeqNumber(payload: Uint8Array): number | undefined {
  const r = attempt(() => deserializePayload(KeyedSeq, payload) as { seq?: unknown });
  return r.ok && typeof r.value.seq === 'number' ? r.value.seq : undefined;
}

/** PID_KEY_HASH of instance `keyval` (9.6.4.8, XCDR1 key serialization as ddsperf sends). */
export function keyedSeqKeyHash(keyval: number): Uint8Array {
  return computeKeyHash(KeyedSeq, { keyval }, 1);
}
