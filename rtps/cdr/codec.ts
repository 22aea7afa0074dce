import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { EncodeError } from '../codec/decode-error.js';
import type { CdrValue } from './type-desc.js';

/** The two Extended CDR encoding versions (XTypes 7.4.3.1): XCDR1 (7.4.1) and XCDR2 (7.4.2). */
export type XcdrVersion = 1 | 2;

/**
 * A TypeDesc compiled for one XCDR version: closures built once, then reused for every sample.
 * `o` is the alignment origin, in the writer's or reader's own coordinates: the first octet after the
 * encapsulation header, to which CDR alignment is relative (XTypes 7.4.1.1), or in XCDR1 the first octet of
 * a member value that follows a member header.
 */
export interface Codec {
  enc(w: ByteWriter, v: unknown, o: number): void;
  dec(r: ByteReader, o: number): CdrValue;
  /** The value of a member an older appendable/mutable peer did not send. */
  def(): CdrValue;
  /** Octets of a primitive or enum (1, 2, 4 or 8), 0 for anything else: selects EMHEADER LC 0..3 (7.4.3.4.3). */
  readonly fixed: number;
  /**
   * A primitive type (not an enum): XCDR2 collections of anything else carry a DHEADER (7.4.3.5.3).
   * Cyclone DDS's is_dheader_needed draws the same line: enums get one.
   */
  readonly primitive: boolean;
  /** Fewest octets one value can take: bounds wire counts before allocating. */
  readonly min: number;
  /** Largest end position when written starting at position `at` (origin 0); Infinity when unbounded. */
  maxEnd(at: number): number;
}

export function encodeFail(path: string, reason: string): never {
  throw new EncodeError(path, reason);
}

export const alignUp = (at: number, n: number): number => (n <= 1 ? at : Math.ceil(at / n) * n);

/** XCDR1 aligns a primitive to its size (up to 8); XCDR2 caps alignment at 4 (7.4.2: MAXALIGN). */
export const alignOf = (size: number, version: XcdrVersion): number => (version === 2 ? Math.min(size, 4) : size);

/** Writes a placeholder DHEADER (XTypes 7.4.3.5.3) and returns where the body it delimits starts. */
export function beginDheader(w: ByteWriter, o: number): number {
  w.align(4, o);
  w.u32(0);
  return w.pos;
}

export function endDheader(w: ByteWriter, bodyStart: number): void {
  w.patchU32(bodyStart - 4, w.pos - bodyStart);
}

/** Reads a DHEADER and returns a reader confined to the body it delimits, so nothing inside reads past it. */
export function readDheader(r: ByteReader, o: number, path: string): ByteReader {
  r.align(4, o, path);
  const size = r.u32(`${path}.dheader`);
  return r.sub(size, `${path}.dheader`);
}

/** The alignment origin `o` of reader `parent` in the coordinates of `child`, a sub-reader of it. */
export const originIn = (child: ByteReader, parent: ByteReader, o: number): number => o - (child.base - parent.base);
