import { type Codec, type XcdrVersion } from './codec.js';
import { arrayCodec, sequenceCodec, stringCodec } from './collection-codec.js';
import { enumCodec, primitiveCodec } from './primitive-codec.js';
import { structCodec } from './struct-codec.js';
import type { TypeDesc } from './type-desc.js';
import { unionCodec } from './union-codec.js';

function build(type: TypeDesc, version: XcdrVersion, path: string): Codec {
  const nested = (t: TypeDesc, p: string): Codec => build(t, version, p);
  switch (type.kind) {
    case 'string':
      return stringCodec(type, path);
    case 'sequence':
      return sequenceCodec(type, version, path, nested);
    case 'array':
      return arrayCodec(type, version, path, nested);
    case 'enum':
      return enumCodec(type, version, path);
    case 'struct':
      return structCodec(type, version, path, nested);
    case 'union':
      return unionCodec(type, version, path, nested);
    default:
      return primitiveCodec(type.kind, version, path);
  }
}

const caches: Record<XcdrVersion, WeakMap<TypeDesc, Codec>> = { 1: new WeakMap(), 2: new WeakMap() };

/**
 * The codec of a type for one XCDR version, compiled on first use and cached by the TypeDesc's identity.
 * Error paths start at the type's name (`KeyedSeq.baggage.length`). Throws Error when the TypeDesc itself is
 * invalid (duplicate member ids, labels that do not fit the discriminator, ...).
 */
export function codecFor(type: TypeDesc, version: XcdrVersion): Codec {
  const cache = caches[version];
  let codec = cache.get(type);
  if (codec === undefined) {
    codec = build(type, version, 'name' in type ? type.name : type.kind);
    cache.set(type, codec);
  }
  return codec;
}
