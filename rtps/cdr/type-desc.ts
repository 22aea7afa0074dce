/**
 * Descriptions of user data types (DDS-XTypes 1.3 clause 7.2), as plain TypeScript values.
 *
 * Why no IDL parser: there is no IDL toolchain in this project, the types a pod exchanges are few and small
 * (ShapeType, ddsperf's KeyedSeq, ...), and a TS value is checked by the compiler where an IDL string is not.
 *
 * Value representation (what encoders take and decoders return, see CdrValue):
 * - struct → plain object keyed by member name; an absent optional member → undefined;
 * - int64 / uint64 → bigint; every other integer, float32, float64 → number; boolean → boolean;
 * - char8 → one-character string (code 0..255); char16 → one-UTF-16-unit string;
 * - string → JS string, sent as UTF-8 (a bound counts UTF-8 octets, as XTypes counts char8);
 * - sequence / array of octet (or uint8) → Uint8Array (a zero-copy view into the input on decode);
 *   every other sequence → JS array; a multi-dimensional array → nested JS arrays, outer dimension first;
 * - enum → its numeric value;
 * - union → { discriminator, value }: value is the selected member's value, undefined when no member is selected.
 *
 * Decoding is strict where peers cannot disagree: a boolean or XCDR2 presence flag other than 0/1, an enum value
 * that is no enumerator, a string without its NUL, with a NUL inside or with invalid UTF-8 are DecodeErrors
 * (Cyclone DDS's normalizer rejects the same). float32 values are rounded to single precision on encode.
 * Not supported: wstring, bitmask, inheritance, mutable unions, empty structs.
 */

/** Primitive types (XTypes 7.2.2.2). `uint8` is octet's XTypes 1.3 alias and shares its representation. */
export type PrimitiveKind =
  | 'boolean'
  | 'octet'
  | 'uint8'
  | 'int8'
  | 'char8'
  | 'char16'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

export interface PrimitiveDesc {
  readonly kind: PrimitiveKind;
}

/** string<bound> (7.2.2.3.1); `bound` counts octets, absent means unbounded. */
export interface StringDesc {
  readonly kind: 'string';
  readonly bound?: number;
}

/** sequence<element, bound> (7.2.2.3.2). */
export interface SequenceDesc {
  readonly kind: 'sequence';
  readonly element: TypeDesc;
  readonly bound?: number;
}

/** element[d0][d1]... (7.2.2.3.3): one array type however many dimensions, as XTypes defines it. */
export interface ArrayDesc {
  readonly kind: 'array';
  readonly element: TypeDesc;
  readonly dimensions: readonly number[];
}

export interface Enumerator {
  readonly name: string;
  readonly value: number;
}

/** enum with @bit_bound (7.2.2.4.1): 1..8 → 1 octet, 9..16 → 2, 17..32 → 4 (7.4.3.4.6). */
export interface EnumDesc {
  readonly kind: 'enum';
  readonly name: string;
  readonly bitBound: number;
  readonly enumerators: readonly Enumerator[];
}

/** @extensibility (7.2.2.4.4.4.8). */
export type Extensibility = 'final' | 'appendable' | 'mutable';

export interface MemberDesc {
  readonly name: string;
  readonly type: TypeDesc;
  /** @id: an explicit member id (7.3.1.2.1.1). */
  readonly id?: number;
  /** @hashid: the id is hashed from this string (or from the name when true) (7.3.1.2.1.2). */
  readonly hashid?: string | true;
  readonly key?: boolean;
  readonly optional?: boolean;
  readonly mustUnderstand?: boolean;
}

/** struct (7.2.2.4.4). Ids default to @autoid(SEQUENTIAL). */
export interface StructDesc {
  readonly kind: 'struct';
  readonly name: string;
  readonly extensibility: Extensibility;
  readonly autoid?: 'sequential' | 'hash';
  readonly members: readonly MemberDesc[];
}

/** Label values have the discriminator's value representation (number, bigint, boolean, or char string). */
export type DiscriminatorValue = number | bigint | boolean | string;

export interface UnionCase {
  readonly name: string;
  readonly type: TypeDesc;
  readonly labels: readonly DiscriminatorValue[];
  /** The `default:` branch: selected when the discriminator matches no label. */
  readonly isDefault?: boolean;
}

/**
 * union (7.2.2.4.4.4.3). Discriminator: an integer, boolean, char8 or enum type. Mutable unions are not
 * supported (neither Cyclone's idlc nor the pod's types need them).
 */
export interface UnionDesc {
  readonly kind: 'union';
  readonly name: string;
  readonly extensibility: 'final' | 'appendable';
  readonly discriminator: TypeDesc;
  readonly cases: readonly UnionCase[];
}

export type TypeDesc = PrimitiveDesc | StringDesc | SequenceDesc | ArrayDesc | EnumDesc | StructDesc | UnionDesc;

/** A value of some TypeDesc, in the representation documented at the top of this file. */
export type CdrValue =
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | undefined
  | readonly CdrValue[]
  | { readonly [member: string]: CdrValue };

/** A union's value. */
export interface UnionValue {
  readonly discriminator: DiscriminatorValue;
  readonly value: CdrValue;
}
