import { attempt, computeKeyHash, deserializePayload } from '../../rtps/index.js';
import { DDSPERF_TYPE, type KeyedSeqSample } from './topics.js';

/** CDR_LE encapsulation identifier (XCDR1 little-endian), as the first two octets of the payload. */
const CDR_LE = [0x00, 0x01] as const;
/** Encapsulation header 4 + seq 4 + keyval 4 + baggage length 4. */
const FIXED = 16;

/**
 * A KeyedSeq as ddsperf sends it: XCDR1, little-endian (the type is @final, so plain CDR_LE), the payload padded
 * to 4 octets with the padding count in the encapsulation options (XTypes 1.3 7.6.3.1.2). Written by hand: this
 * runs once per ping and per published sample, and the generic serializer regrows its buffer for 50 000 octets.
 * test/cli/ddsperf-protocol.test.ts checks it against the generic XCDR1 serializer.
 */
export function encodeKeyedSeq(s: KeyedSeqSample): Uint8Array {
  const n = s.baggage.length;
  const padding = (4 - (n % 4)) % 4;
  // Not zero-filled (every octet is written below): this runs per published sample, at 50 000 octets.
  const bytes = new Uint8Array(Buffer.allocUnsafeSlow(FIXED + n + padding).buffer, 0, FIXED + n + padding);
  const view = new DataView(bytes.buffer, 0, bytes.length);
  bytes[0] = CDR_LE[0];
  bytes[1] = CDR_LE[1];
  bytes[2] = 0;
  bytes[3] = padding;
  view.setUint32(4, s.seq, true);
  view.setUint32(8, s.keyval, true);
  view.setUint32(12, n, true);
  bytes.set(s.baggage, FIXED);
  bytes.fill(0, FIXED + n);
  return bytes;
}

/**
 * Decodes a KeyedSeq payload; undefined when it is not one (a peer sending another type on the topic). The usual
 * CDR_LE form is read in place (the baggage is a view of the payload, not a copy); any other encapsulation goes
 * through the generic deserializer.
 */
export function decodeKeyedSeq(payload: Uint8Array): KeyedSeqSample | undefined {
  if (payload.length >= FIXED && payload[0] === CDR_LE[0] && payload[1] === CDR_LE[1]) {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
    const n = view.getUint32(12, true);
    if (n > payload.length - FIXED) return undefined;
    return { seq: view.getUint32(4, true), keyval: view.getUint32(8, true), baggage: payload.subarray(FIXED, FIXED + n) };
  }
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
