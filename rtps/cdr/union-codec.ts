import { alignUp, beginDheader, encodeFail, endDheader, originIn, readDheader, type Codec, type XcdrVersion } from './codec.js';
import type { Compile } from './collection-codec.js';
import { show, isPrimitiveValue } from './primitive-codec.js';
import type { CdrValue, DiscriminatorValue, PrimitiveKind, TypeDesc, UnionDesc } from './type-desc.js';

const DISCRIMINATOR_KINDS = new Set<string>(['boolean', 'octet', 'uint8', 'int8', 'char8', 'char16', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'enum']);

function labelChecker(t: TypeDesc): (v: unknown) => boolean {
  if (t.kind === 'enum') {
    const values = new Set(t.enumerators.map((e) => e.value));
    return (v) => values.has(v as number);
  }
  return (v) => isPrimitiveValue(t.kind as PrimitiveKind, v);
}

/**
 * union (XTypes 7.4.1.1.10 / 7.4.3.5): the discriminator, then the member its value selects (a matching label,
 * else the default case, else nothing); in XCDR2 an appendable union is preceded by a DHEADER.
 * Value: { discriminator, value }, value undefined when no member is selected.
 */
export function unionCodec(type: UnionDesc, version: XcdrVersion, path: string, compile: Compile): Codec {
  if (!DISCRIMINATOR_KINDS.has(type.discriminator.kind)) throw new Error(`${path}: a ${type.discriminator.kind} cannot discriminate a union`);
  if (type.cases.length === 0) throw new Error(`${path}: a union needs a case`);
  const discPath = `${path}.discriminator`;
  const disc = compile(type.discriminator, discPath);
  const isLabel = labelChecker(type.discriminator);
  const byLabel = new Map<DiscriminatorValue, number>();
  let defaultCase: number | undefined;
  type.cases.forEach((c, i) => {
    for (const l of c.labels) {
      if (!isLabel(l)) throw new Error(`${path}.${c.name}: label ${show(l)} is not a ${type.discriminator.kind}`);
      if (byLabel.has(l)) throw new Error(`${path}.${c.name}: duplicate label ${show(l)}`);
      byLabel.set(l, i);
    }
    if (c.isDefault) {
      if (defaultCase !== undefined) throw new Error(`${path}: two default cases`);
      defaultCase = i;
    }
  });
  const cases = type.cases.map((c) => compile(c.type, `${path}.${c.name}`));
  const dheader = version === 2 && type.extensibility === 'appendable';
  const select = (d: unknown): number | undefined => byLabel.get(d as DiscriminatorValue) ?? defaultCase;
  const firstLabelled = type.cases.findIndex((c) => c.labels.length > 0);
  return {
    enc(w, v, o) {
      if (typeof v !== 'object' || v === null || !('discriminator' in v)) encodeFail(path, `${show(v)} is not a union value`);
      const u = v as { discriminator: unknown; value?: unknown };
      const start = dheader ? beginDheader(w, o) : 0;
      disc.enc(w, u.discriminator, o);
      const i = select(u.discriminator);
      if (i !== undefined) cases[i]!.enc(w, u.value, o);
      else if (u.value !== undefined) encodeFail(discPath, `${show(u.discriminator)} selects no member, yet a value was given`);
      if (dheader) endDheader(w, start);
    },
    dec(r, o) {
      const sr = dheader ? readDheader(r, o, path) : r;
      const so = dheader ? originIn(sr, r, o) : o;
      const discriminator = disc.dec(sr, so) as DiscriminatorValue;
      const i = select(discriminator);
      const value: CdrValue = i === undefined ? undefined : cases[i]!.dec(sr, so);
      return { discriminator, value };
    },
    def(): CdrValue {
      if (firstLabelled >= 0) return { discriminator: type.cases[firstLabelled]!.labels[0]!, value: cases[firstLabelled]!.def() };
      const discriminator = disc.def() as DiscriminatorValue;
      const i = select(discriminator);
      return { discriminator, value: i === undefined ? undefined : cases[i]!.def() };
    },
    fixed: 0,
    primitive: false,
    min: (dheader ? 4 : 0) + disc.min,
    maxEnd(at) {
      const afterDisc = disc.maxEnd(dheader ? alignUp(at, 4) + 4 : at);
      return cases.reduce((end, c) => Math.max(end, c.maxEnd(afterDisc)), afterDisc);
    },
  };
}
