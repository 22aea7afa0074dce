import { createHash } from 'node:crypto';
import { ByteWriter } from '../codec/byte-writer.js';
import type { XcdrVersion } from './codec.js';
import { codecFor } from './compile.js';
import { resolveMemberIds } from './member-id.js';
import type { MemberDesc, StructDesc, TypeDesc } from './type-desc.js';

const holders = new WeakMap<TypeDesc, TypeDesc>();

/**
 * The KeyHolder type of XTypes 1.3 7.6.8: only the key members (all members of a nested struct that has no
 * key), ordered by member id, every aggregated type turned final; applied recursively. Member ids are kept,
 * so the holder still reads a value of the original type.
 */
function holderOf(type: TypeDesc): TypeDesc {
  const cached = holders.get(type);
  if (cached !== undefined) return cached;
  let holder: TypeDesc;
  switch (type.kind) {
    case 'struct': {
      const ids = resolveMemberIds(type);
      const keyed = type.members.some((m) => m.key);
      const members: MemberDesc[] = type.members
        .map((m, i): [MemberDesc, number] => [m, ids[i]!])
        .filter(([m]) => !keyed || m.key)
        .sort((a, b) => a[1] - b[1])
        .map(([m, id]) => ({ name: m.name, type: holderOf(m.type), id, ...(m.optional ? { optional: true } : {}) }));
      holder = { kind: 'struct', name: type.name, extensibility: 'final', members };
      break;
    }
    case 'union':
      holder = { ...type, extensibility: 'final', cases: type.cases.map((c) => ({ ...c, type: holderOf(c.type) })) };
      break;
    case 'sequence':
    case 'array':
      holder = { ...type, element: holderOf(type.element) };
      break;
    default:
      holder = type;
  }
  holders.set(type, holder);
  return holder;
}

/** Whether a type has key members at all; a keyless topic's key hash is all zeros. */
export function isKeyed(type: StructDesc): boolean {
  return type.members.some((m) => m.key);
}

function keyHolder(type: StructDesc): TypeDesc | undefined {
  return isKeyed(type) ? holderOf(type) : undefined;
}

/**
 * The largest serialized KeyHolder in the given XCDR version (XTypes 7.6.8): Infinity when a key member is
 * unbounded, 0 for a keyless type.
 */
export function maxKeySerializedSize(type: StructDesc, version: XcdrVersion = 2): number {
  const holder = keyHolder(type);
  return holder === undefined ? 0 : codecFor(holder, version).maxEnd(0);
}

/** The KeyHolder of `value` serialized big-endian in the given XCDR version: the input of the key hash. */
export function serializeKey(type: StructDesc, value: unknown, version: XcdrVersion = 2): Uint8Array {
  const holder = keyHolder(type);
  if (holder === undefined) return new Uint8Array(0);
  const w = new ByteWriter(false, 32);
  codecFor(holder, version).enc(w, value, 0);
  return w.finish();
}

/**
 * KeyHash (RTPS 2.5 9.6.4.8, XTypes 1.3 7.6.8): the big-endian serialized KeyHolder, zero-padded to 16 octets
 * when its maximum size is at most 16, else its MD5 digest. A keyless type's key hash is 16 zeros.
 *
 * XTypes 1.3 prescribes XCDR2 (the default here). Cyclone DDS serializes the key in the XCDR version of the
 * writer's data representation, so pass 1 to match a Cyclone writer that sends XCDR1; the two differ only
 * when a key holds 64-bit members after smaller ones. Cyclone also decides MD5 on the maximum size (as the
 * spec does) but feeds MD5 a key zero-padded to 16 octets when shorter; the spec's unpadded input is used here.
 */
export function computeKeyHash(type: StructDesc, value: unknown, version: XcdrVersion = 2): Uint8Array {
  const key = serializeKey(type, value, version);
  if (maxKeySerializedSize(type, version) > 16) return new Uint8Array(createHash('md5').update(key).digest());
  const out = new Uint8Array(16);
  out.set(key);
  return out;
}
