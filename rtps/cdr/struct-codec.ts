import type { ByteReader } from '../codec/byte-reader.js';
import { alignUp, beginDheader, encodeFail, endDheader, originIn, readDheader, type Codec, type XcdrVersion } from './codec.js';
import type { Compile } from './collection-codec.js';
import {
  PID_FLAG_MUST_UNDERSTAND,
  beginEmMember,
  beginPlMember,
  endEmMember,
  endPlMember,
  readEmMember,
  readPlMember,
  writePlListEnd,
} from './member-header.js';
import { resolveMemberIds } from './member-id.js';
import { show } from './primitive-codec.js';
import type { CdrValue, StructDesc } from './type-desc.js';

interface CompiledMember {
  readonly name: string;
  readonly id: number;
  readonly codec: Codec;
  readonly optional: boolean;
  /** Key members always carry the must-understand flag (XTypes 7.4.3.4.3). */
  readonly mustUnderstand: boolean;
  readonly plFlags: number;
  readonly path: string;
}

type Obj = Readonly<Record<string, unknown>>;

function asObject(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) encodeFail(path, `${show(v)} is not a struct value`);
  return v as Obj;
}

/**
 * struct (XTypes 7.4.1.1.9 / 7.4.1.2 / 7.4.3.5):
 * - final: members in order; appendable: the same, behind a DHEADER in XCDR2 (XCDR1 appendable = final);
 * - mutable: XCDR1 PL_CDR (a member header per member, PID_LIST_END last), XCDR2 DHEADER + EMHEADER per member;
 * - XCDR1 member values are aligned relative to their first octet, right after their member header;
 * - optional members of final/appendable structs: XCDR1 wraps each in a member header (length 0 when absent),
 *   XCDR2 prefixes a boolean presence flag; in mutable structs an absent member is simply not sent.
 * Decoding a mutable struct skips members it does not know unless they are flagged must-understand; members
 * missing from an appendable or mutable struct (an older peer) take their default value.
 */
export function structCodec(type: StructDesc, version: XcdrVersion, path: string, compile: Compile): Codec {
  if (type.members.length === 0) throw new Error(`${path}: a struct needs a member`);
  if (new Set(type.members.map((m) => m.name)).size !== type.members.length) throw new Error(`${path}: duplicate member names`);
  const ids = resolveMemberIds(type);
  const members: CompiledMember[] = type.members.map((m, i) => {
    if (m.key && m.optional) throw new Error(`${path}.${m.name}: a key member cannot be optional`);
    const mustUnderstand = !!(m.key || m.mustUnderstand);
    const memberPath = `${path}.${m.name}`;
    return {
      name: m.name,
      id: ids[i]!,
      codec: compile(m.type, memberPath),
      optional: !!m.optional,
      mustUnderstand,
      plFlags: mustUnderstand ? PID_FLAG_MUST_UNDERSTAND : 0,
      path: memberPath,
    };
  });
  const defaults = (): CdrValue => {
    const out: Record<string, CdrValue> = {};
    for (const m of members) out[m.name] = m.optional ? undefined : m.codec.def();
    return out;
  };
  if (type.extensibility === 'mutable') return version === 2 ? mutable2(members, path, defaults) : mutable1(members, path, defaults);
  return ordered(members, version, version === 2 && type.extensibility === 'appendable', path, defaults);
}

function ordered(members: readonly CompiledMember[], version: XcdrVersion, dheader: boolean, path: string, def: () => CdrValue): Codec {
  return {
    enc(w, v, o) {
      const obj = asObject(v, path);
      const start = dheader ? beginDheader(w, o) : 0;
      for (const m of members) {
        const x = obj[m.name];
        if (!m.optional) m.codec.enc(w, x, o);
        else if (version === 2) {
          w.u8(x === undefined ? 0 : 1);
          if (x !== undefined) m.codec.enc(w, x, o);
        } else {
          const at = beginPlMember(w, o, m.id, m.plFlags);
          if (x !== undefined) m.codec.enc(w, x, w.pos);
          endPlMember(w, at, m.id, m.plFlags);
        }
      }
      if (dheader) endDheader(w, start);
    },
    dec(r, o) {
      const sr = dheader ? readDheader(r, o, path) : r;
      const so = dheader ? originIn(sr, r, o) : o;
      const out: Record<string, CdrValue> = {};
      let ended = false;
      for (const m of members) {
        // An older sender's struct ends early; what is left (if anything) is padding too short for the next member.
        if (dheader && (ended ||= sr.remaining < (m.optional ? 1 : Math.max(1, m.codec.min)))) out[m.name] = m.optional ? undefined : m.codec.def();
        else if (!m.optional) out[m.name] = m.codec.dec(sr, so);
        else if (version === 2) {
          const present = sr.u8(`${m.path}.present`);
          if (present > 1) sr.fail(`${m.path}.present`, `presence flag must be 0 or 1, not ${present}`, sr.pos - 1);
          out[m.name] = present === 1 ? m.codec.dec(sr, so) : undefined;
        } else out[m.name] = readOptional1(sr, so, m);
      }
      return out;
    },
    def,
    fixed: 0,
    primitive: false,
    // An appendable struct may end right after its DHEADER: the sender's type may have fewer members.
    min: dheader ? 4 : members.reduce((n, m) => n + (m.optional ? (version === 2 ? 1 : 4) : m.codec.min), 0),
    maxEnd(at) {
      let end = dheader ? alignUp(at, 4) + 4 : at;
      for (const m of members) {
        if (!m.optional) end = m.codec.maxEnd(end);
        else if (version === 2) end = m.codec.maxEnd(end + 1);
        else end = alignUp(end, 4) + 12 + m.codec.maxEnd(0);
      }
      return end;
    },
  };
}

function readOptional1(r: ByteReader, o: number, m: CompiledMember): CdrValue {
  const at = r.pos;
  const h = readPlMember(r, o, m.path);
  if (h.id !== m.id) r.fail(`${m.path}.pid`, `member header for id ${h.id}, expected ${m.id}`, at);
  if (h.length === 0) return undefined;
  return m.codec.dec(r.sub(h.length, m.path), 0);
}

function byId(members: readonly CompiledMember[]): Map<number, number> {
  return new Map(members.map((m, i) => [m.id, i]));
}

/** Fills the members a mutable struct's sender left out, then builds the value in declaration order. */
function assemble(members: readonly CompiledMember[], values: CdrValue[]): CdrValue {
  const out: Record<string, CdrValue> = {};
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    out[m.name] = values[i] !== undefined || m.optional ? values[i] : m.codec.def();
  }
  return out;
}

function mutable2(members: readonly CompiledMember[], path: string, def: () => CdrValue): Codec {
  const index = byId(members);
  return {
    enc(w, v, o) {
      const obj = asObject(v, path);
      const start = beginDheader(w, o);
      for (const m of members) {
        const x = obj[m.name];
        if (x === undefined && m.optional) continue;
        const valueStart = beginEmMember(w, o, m.id, m.mustUnderstand, m.codec.fixed);
        m.codec.enc(w, x, o);
        endEmMember(w, valueStart);
      }
      endDheader(w, start);
    },
    dec(r, o) {
      const sr = readDheader(r, o, path);
      const so = originIn(sr, r, o);
      const values = new Array<CdrValue>(members.length);
      while (sr.remaining > 0) {
        const at = sr.pos;
        const h = readEmMember(sr, so, path);
        const i = index.get(h.id);
        if (i === undefined) {
          if (h.mustUnderstand) sr.fail(`${path}.emheader`, `unknown must-understand member id ${h.id}`, at);
          sr.skip(h.length, `${path}.member(${h.id})`);
          continue;
        }
        const m = members[i]!;
        const start = sr.pos;
        values[i] = m.codec.dec(sr.sub(h.length, m.path), so - start);
      }
      return assemble(members, values);
    },
    def,
    fixed: 0,
    primitive: false,
    min: 4,
    maxEnd(at) {
      let end = alignUp(at, 4) + 4;
      for (const m of members) end = m.codec.maxEnd(alignUp(end, 4) + 8);
      return end;
    },
  };
}

function mutable1(members: readonly CompiledMember[], path: string, def: () => CdrValue): Codec {
  const index = byId(members);
  return {
    enc(w, v, o) {
      const obj = asObject(v, path);
      for (const m of members) {
        const x = obj[m.name];
        if (x === undefined && m.optional) continue;
        const at = beginPlMember(w, o, m.id, m.plFlags);
        m.codec.enc(w, x, w.pos);
        endPlMember(w, at, m.id, m.plFlags);
      }
      writePlListEnd(w, o);
    },
    dec(r, o) {
      const values = new Array<CdrValue>(members.length);
      for (;;) {
        const at = r.pos;
        const h = readPlMember(r, o, path);
        if (h.id === -1) break;
        const i = h.id === -2 ? undefined : index.get(h.id);
        if (i === undefined) {
          if (h.mustUnderstand && h.id !== -2) r.fail(`${path}.pid`, `unknown must-understand member id ${h.id}`, at);
          r.skip(h.length, `${path}.member(${h.id})`);
          continue;
        }
        const m = members[i]!;
        values[i] = m.codec.dec(r.sub(h.length, m.path), 0);
      }
      return assemble(members, values);
    },
    def,
    fixed: 0,
    primitive: false,
    min: 4,
    maxEnd(at) {
      let end = at;
      for (const m of members) end = alignUp(end, 4) + 12 + m.codec.maxEnd(0);
      return alignUp(end, 4) + 4;
    },
  };
}
