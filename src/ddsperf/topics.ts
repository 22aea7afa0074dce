import { ENTITYID_PARTICIPANT, KeyedSeq, type GuidPrefix } from '../../rtps/index.js';

/**
 * What Cyclone DDS's ddsperf (0.10.x, src/tools/ddsperf/ddsperf.c) puts on the wire, so rtps-pod can stand in
 * for either side of `ddsperf ping|pong|pub|sub` with the default topic KS:
 * - three topics of type "KeyedSeq" (struct { unsigned long seq; @key unsigned long keyval; sequence<octet>
 *   baggage; }, @final, sent as XCDR1 CDR_LE): DDSPerf{R|U}DataKS, ...PingKS, ...PongKS (R reliable, U -u);
 * - Data and Ping readers/writers in the default partition; Ping/Pong KEEP_LAST 1, Data KEEP_ALL;
 * - a Pong reader in the partition named after its own participant GUID, and, per discovered ddsperf
 *   participant, a Pong writer in the partition named after THAT participant's GUID, so each pinger gets only
 *   the answers to its own pings;
 * - a pong echoes the ping sample unchanged with the ping's source timestamp, lowest nanosecond bit set
 *   (ping: `| 1`); a Data sample whose timestamp has that bit set is also a ping (pub "ping X%");
 * - ddsperf only talks to participants whose USER_DATA is "DDSPerf:<has data reader 0|1>:<pid>:<hostname>".
 */
export const DDSPERF_TYPE_NAME = 'KeyedSeq';
export const DDSPERF_TYPE = KeyedSeq;

export interface DdsperfTopicNames {
  readonly data: string;
  readonly ping: string;
  readonly pong: string;
}

export function ddsperfTopics(reliable: boolean): DdsperfTopicNames {
  const r = reliable ? 'R' : 'U';
  return { data: `DDSPerf${r}DataKS`, ping: `DDSPerf${r}PingKS`, pong: `DDSPerf${r}PongKS` };
}

/** ddsperf's participant USER_DATA; it ignores participants without it. */
export function ddsperfUserData(hasDataReader: boolean, pid: number, hostname: string): Uint8Array {
  return new TextEncoder().encode(`DDSPerf:${hasDataReader ? 1 : 0}:${pid}:${hostname}`);
}

export interface DdsperfPeer {
  readonly hasDataReader: boolean;
  readonly pid: number;
  readonly hostname: string;
}

/** Parses ddsperf's USER_DATA, undefined when the participant is not a ddsperf (or rtps-pod) peer. */
export function parseDdsperfUserData(userData: Uint8Array | undefined): DdsperfPeer | undefined {
  if (userData === undefined) return undefined;
  const m = /^DDSPerf:(\d+):(\d+):(.*)$/s.exec(new TextDecoder().decode(userData));
  if (m === null) return undefined;
  return { hasDataReader: m[1] !== '0', pid: Number(m[2]), hostname: m[3]! };
}

/**
 * The partition name ddsperf derives from a participant GUID: its 16 octets in hex, in four groups of four
 * octets joined by '_' (the last group is the participant entity id 000001c1).
 */
export function ddsperfGuidPartition(prefix: GuidPrefix): string {
  const octets = [...prefix, (ENTITYID_PARTICIPANT >>> 24) & 0xff, (ENTITYID_PARTICIPANT >>> 16) & 0xff, (ENTITYID_PARTICIPANT >>> 8) & 0xff, ENTITYID_PARTICIPANT & 0xff];
  const hex = octets.map((o) => o.toString(16).padStart(2, '0'));
  return [0, 4, 8, 12].map((i) => hex.slice(i, i + 4).join('')).join('_');
}

/** The KeyedSeq value ddsperf exchanges. */
export interface KeyedSeqSample {
  readonly seq: number;
  readonly keyval: number;
  readonly baggage: Uint8Array;
}

/** Fixed part of a KS sample that ddsperf counts in its "size": seq, keyval, baggage length. */
export const KS_OVERHEAD = 12;

/**
 * The baggage of a sample of `size` octets as ddsperf counts it (0 means minimal, i.e. 12), filled with 0xee as
 * ddsperf fills it, so a payload that comes back altered is detectable.
 */
export function ddsperfBaggage(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 0 || (size > 0 && size < KS_OVERHEAD)) throw new RangeError(`size ${size} must be 0 or at least ${KS_OVERHEAD}`);
  return new Uint8Array(Math.max(0, size - KS_OVERHEAD)).fill(0xee);
}

/** Whether the lowest nanosecond bit of a source timestamp marks a ping (see module comment). */
export function isPingTimestamp(ns: bigint): boolean {
  return (ns & 1n) === 1n;
}
