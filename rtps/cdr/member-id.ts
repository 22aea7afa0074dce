import { createHash } from 'node:crypto';
import type { StructDesc } from './type-desc.js';

/** Member ids occupy 28 bits: EMHEADER1 keeps the top four for M_FLAG and the length code (7.4.3.4.3). */
export const MAX_MEMBER_ID = 0x0fffffff;

/** @hashid: the first four octets of MD5(name), read little-endian, masked to 28 bits (XTypes 7.3.1.2.1.2). */
export function hashMemberId(name: string): number {
  const h = createHash('md5').update(name, 'utf8').digest();
  return ((h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0) & MAX_MEMBER_ID;
}

/**
 * The member ids of a struct's members in declaration order (XTypes 7.3.1.2.1.1): an explicit @id or @hashid
 * wins; otherwise @autoid(SEQUENTIAL) continues from the previous member's id (the first gets 0) and
 * @autoid(HASH) hashes the name. Duplicate or out-of-range ids make the type invalid.
 */
export function resolveMemberIds(type: StructDesc): number[] {
  const ids: number[] = [];
  let next = 0;
  for (const m of type.members) {
    let id: number;
    if (m.id !== undefined) id = m.id;
    else if (m.hashid !== undefined) id = hashMemberId(m.hashid === true ? m.name : m.hashid);
    else if (type.autoid === 'hash') id = hashMemberId(m.name);
    else id = next;
    if (!Number.isInteger(id) || id < 0 || id > MAX_MEMBER_ID) throw new Error(`${type.name}.${m.name}: invalid member id ${id}`);
    if (ids.includes(id)) throw new Error(`${type.name}.${m.name}: duplicate member id ${id}`);
    ids.push(id);
    next = id + 1;
  }
  return ids;
}
