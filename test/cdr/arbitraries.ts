import fc from 'fast-check';
import type {
  CdrValue,
  DiscriminatorValue,
  EnumDesc,
  Extensibility,
  MemberDesc,
  PrimitiveKind,
  StructDesc,
  TypeDesc,
  UnionCase,
  UnionDesc,
} from '../../rtps/cdr/type-desc.js';

export const PRIMITIVE_KINDS: readonly PrimitiveKind[] = [
  'boolean', 'octet', 'uint8', 'int8', 'char8', 'char16', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
];
export const EXTENSIBILITIES: readonly Extensibility[] = ['final', 'appendable', 'mutable'];

const primitiveArb = fc.constantFrom(...PRIMITIVE_KINDS).map((kind): TypeDesc => ({ kind }));
const stringArb = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }).map((bound): TypeDesc =>
  bound === undefined ? { kind: 'string' } : { kind: 'string', bound },
);
const enumArb: fc.Arbitrary<EnumDesc> = fc
  .record({ bitBound: fc.constantFrom(3, 8, 12, 16, 32), count: fc.integer({ min: 1, max: 4 }), start: fc.integer({ min: -2, max: 2 }) })
  .map(({ bitBound, count, start }) => ({
    kind: 'enum',
    name: 'E',
    bitBound,
    enumerators: Array.from({ length: count }, (_, i) => ({ name: `E${i}`, value: start + 2 * i })),
  }));

const leafArb: fc.Arbitrary<TypeDesc> = fc.oneof({ weight: 5, arbitrary: primitiveArb }, { weight: 2, arbitrary: stringArb }, { weight: 1, arbitrary: enumArb });

/** Member ids: sequential, hashed, or explicit (some above 0x3f00, which need XCDR1's extended member header). */
const idArb = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0x3f00, max: 0x0fffffff }));

export function structArb(member: fc.Arbitrary<TypeDesc>, extensibility?: Extensibility): fc.Arbitrary<StructDesc> {
  return fc
    .record({
      types: fc.array(member, { minLength: 1, maxLength: 4 }),
      extensibility: extensibility === undefined ? fc.constantFrom(...EXTENSIBILITIES) : fc.constant(extensibility),
      ids: fc.oneof(fc.constant('sequential' as const), fc.constant('hash' as const), fc.uniqueArray(idArb, { minLength: 4, maxLength: 4 })),
      flags: fc.array(fc.record({ key: fc.boolean(), optional: fc.boolean(), mustUnderstand: fc.boolean() }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ types, extensibility, ids, flags }) => {
      const members: MemberDesc[] = types.map((type, i) => {
        const f = flags[i]!;
        return {
          name: `m${i}`,
          type,
          ...(Array.isArray(ids) ? { id: ids[i]! } : {}),
          ...(f.key && !f.optional ? { key: true } : {}),
          ...(f.optional ? { optional: true } : {}),
          ...(f.mustUnderstand ? { mustUnderstand: true } : {}),
        };
      });
      return { kind: 'struct', name: 'S', extensibility, ...(ids === 'hash' ? { autoid: 'hash' as const } : {}), members };
    });
}

const discriminatorArb: fc.Arbitrary<TypeDesc> = fc.oneof(
  fc.constantFrom<PrimitiveKind>('boolean', 'octet', 'int8', 'char8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64').map((kind): TypeDesc => ({ kind })),
  enumArb,
);

/** The i-th distinct label value of a discriminator type, or undefined when the type has fewer values. */
function nthLabel(disc: TypeDesc, i: number): DiscriminatorValue | undefined {
  switch (disc.kind) {
    case 'boolean':
      return i < 2 ? i === 1 : undefined;
    case 'char8':
      return String.fromCharCode(65 + i);
    case 'int64':
    case 'uint64':
      return BigInt(i);
    case 'enum':
      return disc.enumerators[i]?.value;
    default:
      return i;
  }
}

export function unionArb(member: fc.Arbitrary<TypeDesc>): fc.Arbitrary<UnionDesc> {
  return fc
    .record({
      disc: discriminatorArb,
      types: fc.array(member, { minLength: 1, maxLength: 3 }),
      labelCounts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
      withDefault: fc.boolean(),
      extensibility: fc.constantFrom('final' as const, 'appendable' as const),
    })
    .map(({ disc, types, labelCounts, withDefault, extensibility }) => {
      let next = 0;
      const cases: UnionCase[] = types.map((type, i) => {
        const labels: DiscriminatorValue[] = [];
        for (let k = 0; k < labelCounts[i]!; k++) {
          const l = nthLabel(disc, next);
          if (l !== undefined) {
            labels.push(l);
            next++;
          }
        }
        const isDefault = withDefault && i === types.length - 1;
        return { name: `c${i}`, type, labels, ...(isDefault ? { isDefault } : {}) };
      });
      return { kind: 'union', name: 'U', extensibility, discriminator: disc, cases };
    });
}

/** Any TypeDesc, nested at most `depth` aggregated levels deep. */
export function typeDescArb(depth = 2): fc.Arbitrary<TypeDesc> {
  if (depth <= 0) return leafArb;
  const inner = typeDescArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leafArb },
    {
      weight: 2,
      arbitrary: fc.record({ element: inner, bound: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }).map(({ element, bound }): TypeDesc =>
        bound === undefined ? { kind: 'sequence', element } : { kind: 'sequence', element, bound },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({ element: inner, dimensions: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }) }).map(
        ({ element, dimensions }): TypeDesc => ({ kind: 'array', element, dimensions }),
      ),
    },
    { weight: 3, arbitrary: structArb(inner) },
    { weight: 1, arbitrary: unionArb(inner) },
  );
}

const isOctet = (t: TypeDesc): boolean => t.kind === 'octet' || t.kind === 'uint8';

/** A value of `type`, in the representation type-desc.ts documents. */
export function valueArb(type: TypeDesc): fc.Arbitrary<CdrValue> {
  switch (type.kind) {
    case 'boolean':
      return fc.boolean();
    case 'octet':
    case 'uint8':
      return fc.integer({ min: 0, max: 0xff });
    case 'int8':
      return fc.integer({ min: -0x80, max: 0x7f });
    case 'char8':
      return fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c));
    case 'char16':
      return fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    case 'int16':
      return fc.integer({ min: -0x8000, max: 0x7fff });
    case 'uint16':
      return fc.integer({ min: 0, max: 0xffff });
    case 'int32':
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    case 'uint32':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'int64':
      return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
    case 'uint64':
      return fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
    case 'float32':
      return fc.float();
    case 'float64':
      return fc.double();
    case 'string': {
      // At most 4 UTF-8 octets per code point, so the bound holds; NUL cannot travel in a CDR string.
      const maxLength = Math.min(8, Math.floor((type.bound ?? 32) / 4));
      return fc.string({ unit: 'binary', maxLength }).map((s) => s.replace(/\0/g, ''));
    }
    case 'enum':
      return fc.constantFrom(...type.enumerators.map((e) => e.value));
    case 'sequence': {
      const maxLength = Math.min(type.bound ?? 4, 4);
      return isOctet(type.element) ? fc.uint8Array({ maxLength: Math.min(type.bound ?? 64, 64) }) : fc.array(valueArb(type.element), { maxLength });
    }
    case 'array': {
      const dims = type.dimensions;
      const level = (d: number): fc.Arbitrary<CdrValue> => {
        const n = dims[d]!;
        if (d === dims.length - 1 && isOctet(type.element)) return fc.uint8Array({ minLength: n, maxLength: n });
        const inner = d === dims.length - 1 ? valueArb(type.element) : level(d + 1);
        return fc.array(inner, { minLength: n, maxLength: n });
      };
      return level(0);
    }
    case 'struct': {
      const record: Record<string, fc.Arbitrary<CdrValue>> = {};
      for (const m of type.members) record[m.name] = m.optional ? fc.option(valueArb(m.type), { nil: undefined }) : valueArb(m.type);
      return fc.record(record);
    }
    case 'union':
      return unionValueArb(type);
  }
}

function unionValueArb(type: UnionDesc): fc.Arbitrary<CdrValue> {
  const labels = new Set<unknown>(type.cases.flatMap((c) => c.labels));
  const unlabelled = valueArb(type.discriminator).filter((d) => !labels.has(d));
  const def = type.cases.find((c) => c.isDefault);
  const options: fc.Arbitrary<CdrValue>[] = type.cases
    .filter((c) => c.labels.length > 0)
    .map((c) => fc.record({ discriminator: fc.constantFrom(...c.labels), value: valueArb(c.type) }));
  // A discriminator matching no label selects the default case, or nothing at all.
  const free = discriminatorSpace(type.discriminator) > labels.size;
  if (free) options.push(fc.record({ discriminator: unlabelled as fc.Arbitrary<DiscriminatorValue>, value: def ? valueArb(def.type) : fc.constant(undefined) }));
  return options.length > 0 ? fc.oneof(...options) : fc.constant(undefined);
}

function discriminatorSpace(t: TypeDesc): number {
  if (t.kind === 'boolean') return 2;
  if (t.kind === 'enum') return t.enumerators.length;
  return Infinity;
}

/** A type with a value of it. */
export const typedValueArb = (depth = 2): fc.Arbitrary<{ type: TypeDesc; value: CdrValue }> =>
  typeDescArb(depth).chain((type) => valueArb(type).map((value) => ({ type, value })));
