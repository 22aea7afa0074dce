import { EncodeError } from '../codec/decode-error.js';
import { readGuid, writeGuid, type Guid } from '../types/guid.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../types/sequence-number.js';
import type { Parameter } from '../wire/parameter-list.js';
import { parameter, valueReader } from './parameter-value.js';
import { uninterpreted } from './parameter-set.js';
import { PID_COHERENT_SET, PID_DIRECTED_WRITE, PID_KEY_HASH, PID_STATUS_INFO } from './pid.js';

/** StatusInfo_t flags (9.6.4.9): why a DATA carries no (or only key) data. */
export const StatusInfo = { DISPOSED: 1, UNREGISTERED: 2, FILTERED: 4 } as const;

/** KeyHash_t (9.6.4.8): 16 octets identifying an instance. */
export const KEY_HASH_LENGTH = 16;

/** The inline QoS of a DATA or DATA_FRAG (8.7.2.2, 9.6.4) with the parameters this layer interprets. */
export interface InlineQos {
  readonly keyHash?: Uint8Array;
  /** StatusInfo bits; see StatusInfo. */
  readonly statusInfo?: number;
  /** PID_COHERENT_SET (9.6.4.2): the first sequence number of the coherent set the sample belongs to. */
  readonly coherentSet?: SequenceNumber;
  /** PID_DIRECTED_WRITE (9.6.4): the readers the sample is meant for; empty means everyone. */
  readonly directedWrite: readonly Guid[];
  /** Everything else (QoS policies, topic name, vendor parameters), untouched. */
  readonly other: readonly Parameter[];
}

const INTERPRETED: ReadonlySet<number> = new Set([PID_KEY_HASH, PID_STATUS_INFO, PID_COHERENT_SET, PID_DIRECTED_WRITE]);

// readKeyHash and readStatusInfo run for every received sample: they read the value octets directly and only build
// a ByteReader (for its DecodeError) when the value is too short.

/** PID_KEY_HASH's value; octets beyond the 16 (padding) are ignored. */
export function readKeyHash(p: Parameter, field = 'inlineQos.keyHash'): Uint8Array {
  if (p.value.length >= KEY_HASH_LENGTH) return p.value.subarray(0, KEY_HASH_LENGTH);
  return valueReader(p, false).view8(KEY_HASH_LENGTH, field);
}

export function keyHashParameter(hash: Uint8Array): Parameter {
  if (hash.length !== KEY_HASH_LENGTH) throw new EncodeError('inlineQos.keyHash', `must be ${KEY_HASH_LENGTH} octets, got ${hash.length}`);
  return { pid: PID_KEY_HASH, value: hash };
}

/** PID_STATUS_INFO's value: four octets, big-endian whatever the submessage's endianness (9.6.4.9). */
export function readStatusInfo(p: Parameter, field = 'inlineQos.statusInfo'): number {
  const v = p.value;
  if (v.length >= 4) return ((v[0]! << 24) | (v[1]! << 16) | (v[2]! << 8) | v[3]!) >>> 0;
  return valueReader(p, false).u32(field);
}

export function statusInfoParameter(flags: number): Parameter {
  return { pid: PID_STATUS_INFO, value: Uint8Array.of(flags >>> 24, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff) };
}

/** Splits inline QoS into the parameters interpreted here and the rest; `littleEndian` is the submessage's. */
export function decodeInlineQos(params: readonly Parameter[], littleEndian: boolean, field = 'inlineQos'): InlineQos {
  const other = uninterpreted(params, INTERPRETED, field);
  let keyHash: Uint8Array | undefined;
  let statusInfo: number | undefined;
  let coherentSet: SequenceNumber | undefined;
  const directedWrite: Guid[] = [];
  for (const p of params) {
    if (p.pid === PID_KEY_HASH) keyHash ??= readKeyHash(p, field + '.keyHash');
    else if (p.pid === PID_STATUS_INFO) statusInfo ??= readStatusInfo(p, field + '.statusInfo');
    else if (p.pid === PID_COHERENT_SET) coherentSet ??= readSequenceNumber(valueReader(p, littleEndian), `${field}.coherentSet`);
    else if (p.pid === PID_DIRECTED_WRITE) directedWrite.push(readGuid(valueReader(p, littleEndian), `${field}.directedWrite[${directedWrite.length}]`));
  }
  return {
    ...(keyHash === undefined ? {} : { keyHash }),
    ...(statusInfo === undefined ? {} : { statusInfo }),
    ...(coherentSet === undefined ? {} : { coherentSet }),
    directedWrite,
    other,
  };
}

/** The inverse of decodeInlineQos, interpreted parameters first (no sentinel). */
export function encodeInlineQos(q: InlineQos, littleEndian: boolean): Parameter[] {
  const out: Parameter[] = [];
  if (q.keyHash) out.push(keyHashParameter(q.keyHash));
  if (q.statusInfo !== undefined) out.push(statusInfoParameter(q.statusInfo));
  const sn = q.coherentSet;
  if (sn !== undefined) out.push(parameter(PID_COHERENT_SET, littleEndian, (w) => writeSequenceNumber(w, sn)));
  for (const g of q.directedWrite) out.push(parameter(PID_DIRECTED_WRITE, littleEndian, (w) => writeGuid(w, g)));
  out.push(...q.other);
  return out;
}

/** Whether a reader with this status info should treat the sample as a disposal or unregistration. */
export function statusInfoHas(flags: number, bit: number): boolean {
  return (flags & bit) !== 0;
}
