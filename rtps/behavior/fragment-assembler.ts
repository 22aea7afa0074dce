import { NUMBER_SET_MAX_BITS, fragmentNumberSet, type FragmentNumberSet } from '../types/number-set.js';
import type { SequenceNumber } from '../types/sequence-number.js';

/** The fields of one DATA_FRAG (8.3.7.3, 9.4.5.4) the reassembly needs: a decoded DataFrag plus its writer's key. */
export interface DataFragFragments {
  /** The writer's GUID as a string key (guidToString). */
  readonly writer: string;
  readonly writerSN: SequenceNumber;
  /** First fragment carried, counting from 1. */
  readonly fragmentStartingNum: number;
  readonly fragmentsInSubmessage: number;
  readonly fragmentSize: number;
  /** Size of the whole serialized sample. */
  readonly sampleSize: number;
  /** The submessage's serializedPayload: fragmentsInSubmessage fragments back to back (trailing bytes ignored). */
  readonly serializedPayload: Uint8Array;
}

/** Memory limits of a FragmentAssembler, in bytes (buffers plus bookkeeping). */
export interface FragmentAssemblerLimits {
  /** Largest sample reassembled; larger ones are dropped before anything is allocated. */
  readonly maxSampleSize: number;
  readonly maxBytesPerWriter: number;
  readonly maxBytesTotal: number;
  /** How many completed SNs per writer are remembered to recognise late duplicates. */
  readonly completedMemory: number;
}

export const DEFAULT_FRAGMENT_ASSEMBLER_LIMITS: FragmentAssemblerLimits = {
  maxSampleSize: 16 * 1024 * 1024,
  maxBytesPerWriter: 32 * 1024 * 1024,
  maxBytesTotal: 64 * 1024 * 1024,
  completedMemory: 256,
};

/**
 * Why fragments were thrown away. invalid: violates 8.3.7.3 validity (zero sizes, fragment beyond the sample,
 * truncated payload); inconsistent: sampleSize / fragmentSize differ from earlier fragments of the same change;
 * tooLarge: the sample cannot fit the limits. (Fragments of changes already completed or given up come back
 * as `duplicate`.)
 */
export type FragmentDropReason = 'invalid' | 'inconsistent' | 'tooLarge';

/** Result of FragmentAssembler.addFragments. `complete` is returned once per (writer, SN). */
export type FragmentOutcome =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'complete'; readonly data: Uint8Array }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'dropped'; readonly reason: FragmentDropReason };

export interface FragmentAssemblerStats {
  completed: number;
  duplicates: number;
  /** Partial samples pushed out, oldest first, to admit newer ones. */
  evicted: number;
  dropped: Record<FragmentDropReason, number>;
}

/** Fixed per-sample overhead charged on top of the buffers, so many tiny samples are bounded too. */
const ENTRY_OVERHEAD = 128;

interface PartialSample {
  readonly key: string;
  readonly writer: string;
  readonly sn: SequenceNumber;
  readonly sampleSize: number;
  readonly fragmentSize: number;
  readonly total: number;
  readonly buffer: Uint8Array;
  readonly have: Uint32Array;
  received: number;
  readonly cost: number;
}

interface WriterState {
  readonly partials: Map<SequenceNumber, PartialSample>;
  /** Completed SNs, oldest first (Set keeps insertion order). */
  readonly completed: Set<SequenceNumber>;
  /** Everything <= floor is done with (delivered, lost or irrelevant). */
  floor: SequenceNumber;
  bytes: number;
}

function hasBit(bits: Uint32Array, i: number): boolean {
  return ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/**
 * Reassembly of DATA_FRAG fragments into samples (8.3.7.3, 8.4.14.1) for a reader. Tolerates duplicate,
 * overlapping and out-of-order fragments; memory is bounded per writer and in total, the oldest incomplete
 * sample giving way; nothing read from the wire can make it allocate beyond maxSampleSize or throw.
 */
export class FragmentAssembler {
  readonly stats: FragmentAssemblerStats = { completed: 0, duplicates: 0, evicted: 0, dropped: { invalid: 0, inconsistent: 0, tooLarge: 0 } };
  private readonly limits: FragmentAssemblerLimits;
  private readonly writers = new Map<string, WriterState>();
  /** All partial samples, oldest first. */
  private readonly partials = new Map<string, PartialSample>();
  private totalBytes = 0;

  constructor(limits: Partial<FragmentAssemblerLimits> = {}) {
    this.limits = { ...DEFAULT_FRAGMENT_ASSEMBLER_LIMITS, ...limits };
  }

  /** Bytes charged for partial samples now held. */
  get bytesInUse(): number {
    return this.totalBytes;
  }

  bytesInUseFor(writer: string): number {
    return this.writers.get(writer)?.bytes ?? 0;
  }

  get partialCount(): number {
    return this.partials.size;
  }

  addFragments(f: DataFragFragments): FragmentOutcome {
    const { sampleSize, fragmentSize, fragmentStartingNum: first, fragmentsInSubmessage: count } = f;
    if (
      !Number.isSafeInteger(sampleSize) || sampleSize < 1 ||
      !Number.isSafeInteger(fragmentSize) || fragmentSize < 1 || fragmentSize > sampleSize ||
      !Number.isSafeInteger(first) || first < 1 || !Number.isSafeInteger(count) || count < 1
    ) {
      return this.drop('invalid');
    }
    const total = Math.ceil(sampleSize / fragmentSize);
    const last = first + count - 1;
    if (last > total) return this.drop('invalid');
    const start = (first - 1) * fragmentSize;
    const end = Math.min(sampleSize, last * fragmentSize);
    if (f.serializedPayload.length < end - start) return this.drop('invalid');

    const w = this.writers.get(f.writer);
    if (w !== undefined && (f.writerSN <= w.floor || w.completed.has(f.writerSN))) {
      this.stats.duplicates++;
      return { kind: 'duplicate' };
    }
    let p = w?.partials.get(f.writerSN);
    if (p === undefined) {
      const admitted = this.admit(f.writer, f.writerSN, sampleSize, fragmentSize, total);
      if (typeof admitted === 'string') return this.drop(admitted);
      p = admitted;
    } else if (p.sampleSize !== sampleSize || p.fragmentSize !== fragmentSize) {
      return this.drop('inconsistent');
    }

    let fresh = 0;
    for (let fn = first; fn <= last; fn++) {
      const i = fn - 1;
      if (hasBit(p.have, i)) continue;
      const from = i * fragmentSize;
      const to = Math.min(sampleSize, from + fragmentSize);
      p.buffer.set(f.serializedPayload.subarray(from - start, to - start), from);
      p.have[i >>> 5]! |= 1 << (i & 31);
      fresh++;
    }
    p.received += fresh;
    if (p.received === p.total) {
      this.release(p);
      const ws = this.writers.get(p.writer)!;
      ws.completed.add(p.sn);
      if (ws.completed.size > this.limits.completedMemory) ws.completed.delete(ws.completed.values().next().value!);
      this.stats.completed++;
      return { kind: 'complete', data: p.buffer };
    }
    if (fresh === 0) {
      this.stats.duplicates++;
      return { kind: 'duplicate' };
    }
    return { kind: 'incomplete' };
  }

  /**
   * fragmentNumberState for a NACK_FRAG (8.3.7.5, 8.4.12.2): the missing fragments of a partial sample up to
   * `upTo` (HEARTBEAT_FRAG lastFragmentNum), from the first missing, at most 256; undefined if none is held.
   */
  missingFragments(writer: string, sn: SequenceNumber, upTo = Infinity): FragmentNumberSet | undefined {
    const p = this.writers.get(writer)?.partials.get(sn);
    if (p === undefined) return undefined;
    const limit = Math.min(p.total, upTo);
    const missing: number[] = [];
    let base = 0;
    for (let i = 0; i < limit; i++) {
      if (hasBit(p.have, i)) continue;
      if (missing.length === 0) base = i + 1;
      else if (i + 1 - base >= NUMBER_SET_MAX_BITS) break;
      missing.push(i + 1);
    }
    if (missing.length === 0) return undefined;
    return fragmentNumberSet(base, missing, missing[missing.length - 1]! - base + 1);
  }

  /** The reader is done with everything <= sn of `writer` (delivered, lost, irrelevant): drop its partials. */
  discardUpTo(writer: string, sn: SequenceNumber): void {
    const w = this.writers.get(writer);
    if (w === undefined || sn <= w.floor) return;
    w.floor = sn;
    for (const p of [...w.partials.values()]) if (p.sn <= sn) this.release(p);
    for (const c of [...w.completed]) if (c <= sn) w.completed.delete(c);
  }

  /** The writer was unmatched: forget it. */
  removeWriter(writer: string): void {
    const w = this.writers.get(writer);
    if (w === undefined) return;
    for (const p of [...w.partials.values()]) this.release(p);
    this.writers.delete(writer);
  }

  private drop(reason: FragmentDropReason): FragmentOutcome {
    this.stats.dropped[reason]++;
    return { kind: 'dropped', reason };
  }

  /** Makes room (evicting oldest partials) and allocates a new partial sample, or says why it cannot. */
  private admit(writer: string, sn: SequenceNumber, sampleSize: number, fragmentSize: number, total: number): PartialSample | FragmentDropReason {
    const words = (total + 31) >>> 5;
    const cost = sampleSize + 4 * words + ENTRY_OVERHEAD;
    if (sampleSize > this.limits.maxSampleSize || cost > this.limits.maxBytesPerWriter || cost > this.limits.maxBytesTotal) return 'tooLarge';
    let w = this.writers.get(writer);
    if (w === undefined) {
      w = { partials: new Map(), completed: new Set(), floor: 0n, bytes: 0 };
      this.writers.set(writer, w);
    }
    while (w.bytes + cost > this.limits.maxBytesPerWriter) this.evict(w.partials.values().next().value!);
    while (this.totalBytes + cost > this.limits.maxBytesTotal) this.evict(this.partials.values().next().value!);
    const p: PartialSample = {
      key: `${writer}/${sn}`,
      writer,
      sn,
      sampleSize,
      fragmentSize,
      total,
      buffer: new Uint8Array(sampleSize),
      have: new Uint32Array(words),
      received: 0,
      cost,
    };
    w.partials.set(sn, p);
    w.bytes += cost;
    this.partials.set(p.key, p);
    this.totalBytes += cost;
    return p;
  }

  private evict(p: PartialSample): void {
    this.release(p);
    this.stats.evicted++;
  }

  private release(p: PartialSample): void {
    const w = this.writers.get(p.writer)!;
    w.partials.delete(p.sn);
    w.bytes -= p.cost;
    this.partials.delete(p.key);
    this.totalBytes -= p.cost;
  }
}
