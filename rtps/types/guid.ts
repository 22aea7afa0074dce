import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';

/** GuidPrefix_t (9.3.1.1): 12 opaque octets identifying a participant. */
export type GuidPrefix = Uint8Array;

/**
 * EntityId_t (9.3.1.2) as one unsigned 32-bit number: entityKey (3 octets) << 8 | entityKind.
 * Always on the wire as 4 octets in that order, whatever the endianness of the submessage.
 */
export type EntityId = number;

/** GUID_t (9.3.1.5). */
export interface Guid {
  readonly prefix: GuidPrefix;
  readonly entityId: EntityId;
}

export const GUIDPREFIX_UNKNOWN: GuidPrefix = new Uint8Array(12);

// Entity kinds (table 9.1).
export const EntityKind = {
  USER_UNKNOWN: 0x00,
  USER_WRITER_WITH_KEY: 0x02,
  USER_WRITER_NO_KEY: 0x03,
  USER_READER_NO_KEY: 0x04,
  USER_READER_WITH_KEY: 0x07,
  USER_WRITER_GROUP: 0x08,
  USER_READER_GROUP: 0x09,
  BUILTIN_UNKNOWN: 0xc0,
  BUILTIN_PARTICIPANT: 0xc1,
  BUILTIN_WRITER_WITH_KEY: 0xc2,
  BUILTIN_WRITER_NO_KEY: 0xc3,
  BUILTIN_READER_NO_KEY: 0xc4,
  BUILTIN_READER_WITH_KEY: 0xc7,
  BUILTIN_WRITER_GROUP: 0xc8,
  BUILTIN_READER_GROUP: 0xc9,
} as const;

// Built-in entity ids (table 9.2, plus the type-lookup service of DDS-XTypes 7.6.3.3.4).
export const ENTITYID_UNKNOWN = 0x00000000;
export const ENTITYID_PARTICIPANT = 0x000001c1;
export const ENTITYID_SEDP_BUILTIN_TOPICS_ANNOUNCER = 0x000002c2;
export const ENTITYID_SEDP_BUILTIN_TOPICS_DETECTOR = 0x000002c7;
export const ENTITYID_SEDP_BUILTIN_PUBLICATIONS_ANNOUNCER = 0x000003c2;
export const ENTITYID_SEDP_BUILTIN_PUBLICATIONS_DETECTOR = 0x000003c7;
export const ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_ANNOUNCER = 0x000004c2;
export const ENTITYID_SEDP_BUILTIN_SUBSCRIPTIONS_DETECTOR = 0x000004c7;
export const ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER = 0x000100c2;
export const ENTITYID_SPDP_BUILTIN_PARTICIPANT_DETECTOR = 0x000100c7;
export const ENTITYID_P2P_BUILTIN_PARTICIPANT_MESSAGE_WRITER = 0x000200c2;
export const ENTITYID_P2P_BUILTIN_PARTICIPANT_MESSAGE_READER = 0x000200c7;
export const ENTITYID_TL_SVC_REQ_WRITER = 0x000300c3;
export const ENTITYID_TL_SVC_REQ_READER = 0x000300c4;
export const ENTITYID_TL_SVC_REPLY_WRITER = 0x000301c3;
export const ENTITYID_TL_SVC_REPLY_READER = 0x000301c4;

export function entityKind(id: EntityId): number {
  return id & 0xff;
}

export function isBuiltinEntity(id: EntityId): boolean {
  return (id & 0xc0) === 0xc0;
}

/** Writers and readers per table 9.1 (kinds ending in 2/3/8 write, 4/7/9 read). */
export function isWriterEntity(id: EntityId): boolean {
  const k = id & 0x3f;
  return k === 0x02 || k === 0x03 || k === 0x08;
}

export function isReaderEntity(id: EntityId): boolean {
  const k = id & 0x3f;
  return k === 0x04 || k === 0x07 || k === 0x09;
}

export function readGuidPrefix(r: ByteReader, field: string): GuidPrefix {
  return r.copy8(12, field);
}

export function writeGuidPrefix(w: ByteWriter, p: GuidPrefix): void {
  if (p.length !== 12) throw new RangeError(`GuidPrefix must be 12 octets, got ${p.length}`);
  w.bytes(p);
}

export function readEntityId(r: ByteReader, field: string): EntityId {
  const le = r.littleEndian;
  r.littleEndian = false;
  const v = r.u32(field);
  r.littleEndian = le;
  return v;
}

export function writeEntityId(w: ByteWriter, id: EntityId): void {
  const le = w.littleEndian;
  w.littleEndian = false;
  w.u32(id >>> 0);
  w.littleEndian = le;
}

export function readGuid(r: ByteReader, field: string): Guid {
  const prefix = readGuidPrefix(r, `${field}.prefix`);
  return { prefix, entityId: readEntityId(r, `${field}.entityId`) };
}

export function writeGuid(w: ByteWriter, g: Guid): void {
  writeGuidPrefix(w, g.prefix);
  writeEntityId(w, g.entityId);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex, the form tshark and ddsperf print, and a cheap Map key. */
export function guidPrefixToString(p: GuidPrefix): string {
  let s = '';
  for (let i = 0; i < p.length; i++) s += HEX[p[i]!];
  return s;
}

export function entityIdToString(id: EntityId): string {
  return (id >>> 0).toString(16).padStart(8, '0');
}

export function guidToString(g: Guid): string {
  return `${guidPrefixToString(g.prefix)}:${entityIdToString(g.entityId)}`;
}

export function guidPrefixEquals(a: GuidPrefix, b: GuidPrefix): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function guidEquals(a: Guid, b: Guid): boolean {
  return a.entityId === b.entityId && guidPrefixEquals(a.prefix, b.prefix);
}
