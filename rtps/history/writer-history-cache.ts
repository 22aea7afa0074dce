import type { Deadline, Nanos } from '../participant/environment.js';
import type { Guid } from '../types/guid.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Time } from '../types/time.js';
import type { Parameter } from '../wire/parameter-list.js';
import type { CacheChange, ChangeKind, InstanceHandle } from './cache-change.js';
import { HistoryCache } from './history-cache.js';
import { checkHistoryQos, RESOURCE_LIMITS_UNLIMITED, type HistoryQosPolicy, type ResourceLimitsQosPolicy } from './history-qos.js';

/** Configuration of a writer's HistoryCache: the DDS QoS that governs it (DDS 2.2.3.16, 2.2.3.18, 2.2.3.19). */
export interface WriterHistoryCacheOptions {
  readonly writerGuid: Guid;
  readonly history: HistoryQosPolicy;
  readonly resourceLimits?: ResourceLimitsQosPolicy;
  /** LIFESPAN duration in nanoseconds; null or absent for infinite. */
  readonly lifespan?: Nanos | null;
  /**
   * DURABILITY TRANSIENT_LOCAL keeps acknowledged changes for late-joining readers; VOLATILE writers drop a
   * change as soon as every reliable reader has acknowledged it.
   */
  readonly retainAcknowledged: boolean;
}

/** Why a write did not enter the cache (DDS 2.2.2.4.2.11 write: OUT_OF_RESOURCES / TIMEOUT). */
export type WriteRejection = 'MAX_SAMPLES' | 'MAX_INSTANCES' | 'MAX_SAMPLES_PER_INSTANCE';

/**
 * Result of WriterHistoryCache.newChange. `removed` are changes evicted to make room (KEEP_LAST replacement):
 * readers that still miss them must be sent a GAP. `wouldBlock` means acknowledgements will free room, so a
 * blocking write may wait (max_blocking_time) and retry; otherwise nothing will, and the write fails.
 */
export type WriteOutcome =
  | { readonly ok: true; readonly change: CacheChange; readonly removed: readonly CacheChange[] }
  | { readonly ok: false; readonly reason: WriteRejection; readonly wouldBlock: boolean };

/** Optional parts of a new change (8.2.3 inlineQos, 8.3.7.9 INFO_TS). */
export interface NewChangeExtras {
  readonly inlineQos?: readonly Parameter[];
  readonly sourceTimestamp?: Time;
}

/**
 * A writer's HistoryCache (8.2.2, 8.4.7.1) with new_change (8.4.7), HISTORY/RESOURCE_LIMITS enforcement,
 * LIFESPAN expiry and release of acknowledged changes. Never grows past its limits: a write that does not fit
 * is refused with a typed outcome.
 */
export class WriterHistoryCache {
  /** The underlying HistoryCache; read it, but change it only through this class. */
  readonly cache = new HistoryCache();
  private readonly limits: ResourceLimitsQosPolicy;
  private readonly instances = new Map<InstanceHandle, SequenceNumber[]>();
  private readonly expiry = new Map<SequenceNumber, Nanos>();
  private lastSn: SequenceNumber = 0n;
  private ackedUpTo: SequenceNumber = 0n;

  constructor(private readonly options: WriterHistoryCacheOptions) {
    this.limits = options.resourceLimits ?? RESOURCE_LIMITS_UNLIMITED;
    checkHistoryQos(options.history, this.limits);
    if (options.lifespan != null && !(Number.isInteger(options.lifespan) && options.lifespan >= 0)) {
      throw new RangeError(`lifespan must be a non-negative integer of nanoseconds, got ${options.lifespan}`);
    }
  }

  /** lastChangeSequenceNumber (8.4.7.1): the SN of the last change made, whether or not still held. */
  get lastChangeSequenceNumber(): SequenceNumber {
    return this.lastSn;
  }

  /** The acknowledgement floor last given to setAcknowledged. */
  get acknowledgedUpTo(): SequenceNumber {
    return this.ackedUpTo;
  }

  get size(): number {
    return this.cache.size;
  }

  get instanceCount(): number {
    return this.instances.size;
  }

  /** Number of changes held for one instance. */
  instanceSize(handle: InstanceHandle): number {
    return this.instances.get(handle)?.length ?? 0;
  }

  /**
   * new_change (8.4.7) followed by add_change (8.2.2): the change gets lastChangeSequenceNumber + 1 only
   * if it fits, so refused writes leave no hole in the sequence. `now` starts its LIFESPAN.
   */
  newChange(kind: ChangeKind, instanceHandle: InstanceHandle, data: Uint8Array | undefined, now: Nanos, extras: NewChangeExtras = {}): WriteOutcome {
    const wouldBlock = !this.options.retainAcknowledged;
    const queue = this.instances.get(instanceHandle);
    const removed: CacheChange[] = [];
    if (queue === undefined && this.instances.size >= this.limits.maxInstances) return { ok: false, reason: 'MAX_INSTANCES', wouldBlock };
    const held = queue?.length ?? 0;
    const history = this.options.history;
    if (history.kind === 'KEEP_LAST' && held >= history.depth) {
      // KEEP_LAST replaces the instance's oldest change, acknowledged or not (DDS 2.2.3.18).
      removed.push(this.removeChange(queue![0]!)!);
    } else if (held >= this.limits.maxSamplesPerInstance) {
      return { ok: false, reason: 'MAX_SAMPLES_PER_INSTANCE', wouldBlock };
    } else if (this.cache.size >= this.limits.maxSamples) {
      return { ok: false, reason: 'MAX_SAMPLES', wouldBlock };
    }
    const sequenceNumber = this.lastSn + 1n;
    this.lastSn = sequenceNumber;
    const change: CacheChange = {
      kind,
      writerGuid: this.options.writerGuid,
      instanceHandle,
      sequenceNumber,
      data,
      inlineQos: extras.inlineQos,
      sourceTimestamp: extras.sourceTimestamp,
    };
    this.cache.addChange(change);
    const q = this.instances.get(instanceHandle);
    if (q === undefined) this.instances.set(instanceHandle, [sequenceNumber]);
    else q.push(sequenceNumber);
    if (this.options.lifespan != null) this.expiry.set(sequenceNumber, now + this.options.lifespan);
    return { ok: true, change, removed };
  }

  /** remove_change (8.2.2). */
  removeChange(sn: SequenceNumber): CacheChange | undefined {
    const change = this.cache.removeChange(sn);
    if (change === undefined) return undefined;
    this.expiry.delete(sn);
    const q = this.instances.get(change.instanceHandle)!;
    // Removal is nearly always the instance's oldest change; indexOf covers explicit removals.
    const i = q[0] === sn ? 0 : q.indexOf(sn);
    q.splice(i, 1);
    if (q.length === 0) this.instances.delete(change.instanceHandle);
    return change;
  }

  /**
   * Every reliable matched reader has acknowledged all changes <= sn (8.4.7.5 acked_changes_set, min over
   * ReaderProxies). A VOLATILE writer releases those changes; they are returned.
   */
  setAcknowledged(sn: SequenceNumber): CacheChange[] {
    if (sn <= this.ackedUpTo) return [];
    this.ackedUpTo = sn;
    const removed: CacheChange[] = [];
    if (this.options.retainAcknowledged) return removed;
    for (let min = this.cache.getSeqNumMin(); min !== undefined && min <= sn; min = this.cache.getSeqNumMin()) {
      removed.push(this.removeChange(min)!);
    }
    return removed;
  }

  /** Removes the changes whose LIFESPAN has run out at `now` (DDS 2.2.3.16); returns them, oldest first. */
  expire(now: Nanos): CacheChange[] {
    const removed: CacheChange[] = [];
    if (this.options.lifespan == null) return removed;
    // One lifespan for all changes and a non-decreasing `now` make SN order expiry order.
    for (let min = this.cache.getSeqNumMin(); min !== undefined && this.expiry.get(min)! <= now; min = this.cache.getSeqNumMin()) {
      removed.push(this.removeChange(min)!);
    }
    return removed;
  }

  /** When expire() next has something to do. */
  nextExpiry(): Deadline {
    const min = this.cache.getSeqNumMin();
    return min === undefined ? null : (this.expiry.get(min) ?? null);
  }
}
