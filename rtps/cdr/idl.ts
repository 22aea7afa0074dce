/**
 * Builders so that a TypeDesc reads close to its IDL (XTypes 7.3.1 annotations become options):
 *   struct('KeyedSeq', [member('seq', uint32), key('keyval', uint32), member('baggage', sequence(octet))])
 * Exported from rtps/index.ts as the `idl` namespace, since names like `string` and `struct` are too generic
 * to export bare.
 */
import type {
  ArrayDesc,
  DiscriminatorValue,
  EnumDesc,
  Extensibility,
  MemberDesc,
  PrimitiveDesc,
  PrimitiveKind,
  SequenceDesc,
  StringDesc,
  StructDesc,
  TypeDesc,
  UnionCase,
  UnionDesc,
} from './type-desc.js';

const prim = (kind: PrimitiveKind): PrimitiveDesc => ({ kind });
export const boolean = prim('boolean');
export const octet = prim('octet');
export const uint8 = prim('uint8');
export const int8 = prim('int8');
export const char8 = prim('char8');
export const char16 = prim('char16');
export const int16 = prim('int16');
export const uint16 = prim('uint16');
export const int32 = prim('int32');
export const uint32 = prim('uint32');
export const int64 = prim('int64');
export const uint64 = prim('uint64');
export const float32 = prim('float32');
export const float64 = prim('float64');

export const string = (bound?: number): StringDesc => (bound === undefined ? { kind: 'string' } : { kind: 'string', bound });
export const sequence = (element: TypeDesc, bound?: number): SequenceDesc =>
  bound === undefined ? { kind: 'sequence', element } : { kind: 'sequence', element, bound };
export const array = (element: TypeDesc, ...dimensions: number[]): ArrayDesc => ({ kind: 'array', element, dimensions });
export const enumeration = (name: string, names: readonly string[], bitBound = 32): EnumDesc => ({
  kind: 'enum',
  name,
  bitBound,
  enumerators: names.map((n, value) => ({ name: n, value })),
});

type MemberOptions = Omit<MemberDesc, 'name' | 'type'>;
export const member = (name: string, type: TypeDesc, options: MemberOptions = {}): MemberDesc => ({ name, type, ...options });
export const key = (name: string, type: TypeDesc, options: MemberOptions = {}): MemberDesc => ({ name, type, ...options, key: true });
export const optional = (name: string, type: TypeDesc, options: MemberOptions = {}): MemberDesc => ({
  name,
  type,
  ...options,
  optional: true,
});

export const struct = (
  name: string,
  members: readonly MemberDesc[],
  options: { extensibility?: Extensibility; autoid?: 'sequential' | 'hash' } = {},
): StructDesc => ({ kind: 'struct', name, extensibility: options.extensibility ?? 'final', members, ...(options.autoid ? { autoid: options.autoid } : {}) });

export const unionCase = (name: string, type: TypeDesc, labels: readonly DiscriminatorValue[], isDefault = false): UnionCase =>
  isDefault ? { name, type, labels, isDefault } : { name, type, labels };

export const union = (
  name: string,
  discriminator: TypeDesc,
  cases: readonly UnionCase[],
  extensibility: 'final' | 'appendable' = 'final',
): UnionDesc => ({ kind: 'union', name, extensibility, discriminator, cases });
