import { attempt, computeKeyHash, deserializePayload, Encapsulation, serializePayload } from '../../rtps/index.js';
import { DDSPERF_TYPE, type KeyedSeqSample } from './topics.js';

/** A KeyedSeq as ddsperf sends it: XCDR1, little-endian (the type is @final, so plain CDR_LE). */
export function encodeKeyedSeq(s: KeyedSeqSample): Uint8Array {
  return serializePayload(DDSPERF_TYPE, s, Encapsulation.CDR_LE);
}

/** Decodes a KeyedSeq payload; undefined when it is not one (a peer sending another type on the topic). */
export function decodeKeyedSeq(payload: Uint8Array): KeyedSeqSample | undefined {
  const r = attempt(() => deserializePayload(DDSPERF_TYPE, payload) as unknown as KeyedSeqSample);
  return r.ok ? r.value : undefined;
}

const keyHashes = new Map<number, Uint8Array>();

/** PID_KEY_HASH of key value `keyval` (the key fits 16 octets, so it is the key itself, big-endian). */
export function keyedSeqKeyHash(keyval: number): Uint8Array {
  let h = keyHashes.get(keyval);
  if (h === undefined) {
    h = computeKeyHash(DDSPERF_TYPE, { keyval }, 1);
    keyHashes.set(keyval, h);
  }
  return h;
}
