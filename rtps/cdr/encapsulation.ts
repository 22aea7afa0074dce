import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** Encapsulation identifiers of a SerializedPayload (10.2 of DDSI-RTPS, 7.6.3.1.2 of DDS-XTypes). */
export const Encapsulation = {
  CDR_BE: 0x0000,
  CDR_LE: 0x0001,
  PL_CDR_BE: 0x0002,
  PL_CDR_LE: 0x0003,
  CDR2_BE: 0x0010,
  CDR2_LE: 0x0011,
  PL_CDR2_BE: 0x0012,
  PL_CDR2_LE: 0x0013,
  D_CDR2_BE: 0x0014,
  D_CDR2_LE: 0x0015,
} as const;
export type EncapsulationId = (typeof Encapsulation)[keyof typeof Encapsulation];

const KNOWN = new Set<number>(Object.values(Encapsulation));

export interface EncapsulationInfo {
  readonly id: EncapsulationId;
  readonly littleEndian: boolean;
  /** XCDR version 2 (CDR2, D_CDR2, PL_CDR2) or 1 (CDR, PL_CDR). */
  readonly xcdrVersion: 1 | 2;
  /** Whether the top level is a parameter list (PL_CDR / PL_CDR2) rather than plain or delimited CDR. */
  readonly parameterList: boolean;
  /** The options field; its two low bits count the padding octets appended to the payload (XTypes 7.6.3.1.2). */
  readonly options: number;
}

export function describeEncapsulation(id: EncapsulationId, options = 0): EncapsulationInfo {
  return {
    id,
    littleEndian: (id & 1) === 1,
    xcdrVersion: id >= 0x0010 ? 2 : 1,
    parameterList: id === Encapsulation.PL_CDR_BE || id === Encapsulation.PL_CDR_LE || id === Encapsulation.PL_CDR2_BE || id === Encapsulation.PL_CDR2_LE,
    options,
  };
}

/** Reads the 4-octet encapsulation header; the identifier is big-endian whatever follows. */
export function readEncapsulation(r: ByteReader, field = 'encapsulation'): EncapsulationInfo {
  const at = r.pos;
  const le = r.littleEndian;
  r.littleEndian = false;
  const id = r.u16(`${field}.identifier`);
  const options = r.u16(`${field}.options`);
  r.littleEndian = le;
  if (!KNOWN.has(id)) r.fail(`${field}.identifier`, `unknown encapsulation 0x${id.toString(16).padStart(4, '0')}`, at);
  return describeEncapsulation(id as EncapsulationId, options);
}

export function writeEncapsulation(w: ByteWriter, id: EncapsulationId, options = 0): void {
  const le = w.littleEndian;
  w.littleEndian = false;
  w.u16(id).u16(options);
  w.littleEndian = le;
}
