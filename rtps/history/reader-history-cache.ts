import { guidToString, type Guid } from '../types/guid.js';
import type { Time } from '../types/time.js';
import type { CacheChange, InstanceHandle } from './cache-change.js';
import { checkHistoryQos, RESOURCE_LIMITS_UNLIMITED, type HistoryQosPolicy, type ResourceLimitsQosPolicy } from './history-qos.js';

/** SampleStateKind (DDS 1.4, 2.2.2.5.1). */
export const SampleStateKind = { READ: 'READ', NOT_READ: 'NOT_READ' } as const;
export type SampleStateKind = (typeof SampleStateKind)[keyof typeof SampleStateKind];

/** ViewStateKind (DDS 2.2.2.5.1). */
export const ViewStateKind = { NEW: 'NEW', NOT_NEW: 'NOT_NEW' } as const;
export type ViewStateKind = (typeof ViewStateKind)[keyof typeof ViewStateKind];

/** InstanceStateKind (DDS 2.2.2.5.1). */
export const InstanceStateKind = {
  ALIVE: 'ALIVE',
  NOT_ALIVE_DISPOSED: 'NOT_ALIVE_DISPOSED',
  NOT_ALIVE_NO_WRITERS: 'NOT_ALIVE_NO_WRITERS',
} as const;
export type InstanceStateKind = (typeof InstanceStateKind)[keyof typeof InstanceStateKind];

/** SampleInfo (DDS 2.2.2.5.5): the states are as they were before this read/take touched them. */
export interface SampleInfo {
  readonly sampleState: SampleStateKind;
  readonly viewState: ViewStateKind;
  readonly instanceState: InstanceStateKind;
  /** False for the data-less samples that only announce an instance-state change. */
  readonly validData: boolean;
  readonly sourceTimestamp: Time | undefined;
  readonly instanceHandle: InstanceHandle;
  /** The writer that made the change (publication_handle). */
  readonly publicationHandle: Guid;
  readonly disposedGenerationCount: number;
  readonly noWritersGenerationCount: number;
  readonly sampleRank: number;
  readonly generationRank: number;
  readonly absoluteGenerationRank: number;
}

/** One element of a read/take result (DDS 2.2.2.5.3.8): the serialized payload and its SampleInfo. */
export interface Sample {
  /** Serialized payload with encapsulation when info.validData, else undefined. */
  readonly data: Uint8Array | undefined;
  readonly info: SampleInfo;
}

/** Which samples read/take return: a ReadCondition's masks (DDS 2.2.2.5.8) plus max_samples and an instance. */
export interface ReadCondition {
  readonly sampleStates?: readonly SampleStateKind[];
  readonly viewStates?: readonly ViewStateKind[];
  readonly instanceStates?: readonly InstanceStateKind[];
  readonly maxSamples?: number;
  /** Restrict to one instance (read_instance / take_instance). */
  readonly instance?: InstanceHandle;
}

export interface ReaderHistoryCacheOptions {
  readonly history: HistoryQosPolicy;
  readonly resourceLimits?: ResourceLimitsQosPolicy;
}

/** Why a change was refused (DDS 2.2.4.1 SAMPLE_REJECTED status reasons). */
export type SampleRejectedReason = 'REJECTED_BY_INSTANCES_LIMIT' | 'REJECTED_BY_SAMPLES_LIMIT' | 'REJECTED_BY_SAMPLES_PER_INSTANCE_LIMIT';

/**
 * Result of ReaderHistoryCache.addChange. Accepted: the instance state was updated; `stored` says whether a
 * sample was queued (a dispose of an already-disposed instance queues none), `evicted` how many KEEP_LAST pushed
 * out. Rejected: nothing changed, and a reliable reader should not acknowledge the change so it comes again.
 */
export type ReaderAddOutcome =
  | { readonly accepted: true; readonly stored: boolean; readonly evicted: number }
  | { readonly accepted: false; readonly reason: SampleRejectedReason };

interface StoredSample {
  sampleState: SampleStateKind;
  readonly data: Uint8Array | undefined;
  readonly validData: boolean;
  readonly sourceTimestamp: Time | undefined;
  readonly writerGuid: Guid;
  readonly disposedGenerationCount: number;
  readonly noWritersGenerationCount: number;
}

interface InstanceRecord {
  readonly handle: InstanceHandle;
  state: InstanceStateKind;
  viewState: ViewStateKind;
  readonly writers: Set<string>;
  samples: StoredSample[];
  disposedGenerationCount: number;
  noWritersGenerationCount: number;
}

const writerKeys = new WeakMap<Guid, string>();
function writerKey(g: Guid): string {
  let k = writerKeys.get(g);
  if (k === undefined) {
    k = guidToString(g);
    writerKeys.set(g, k);
  }
  return k;
}

/**
 * A reader's HistoryCache (8.2.2) as the DataReader sees it (DDS 2.2.2.5): per-instance state (ALIVE /
 * NOT_ALIVE_DISPOSED / NOT_ALIVE_NO_WRITERS), view state and generation counts, HISTORY/RESOURCE_LIMITS, and
 * read/take with SampleInfo. Changes must arrive once each and in each writer's order (WriterProxy sees to it).
 */
export class ReaderHistoryCache {
  private readonly limits: ResourceLimitsQosPolicy;
  private readonly instances = new Map<InstanceHandle, InstanceRecord>();
  /** Instances each live writer has written, so a lost writer is dealt with without a scan. */
  private readonly byWriter = new Map<string, Set<InstanceHandle>>();
  private sampleCount = 0;

  constructor(private readonly options: ReaderHistoryCacheOptions) {
    this.limits = options.resourceLimits ?? RESOURCE_LIMITS_UNLIMITED;
    checkHistoryQos(options.history, this.limits);
  }

  get size(): number {
    return this.sampleCount;
  }

  get instanceCount(): number {
    return this.instances.size;
  }

  instanceState(handle: InstanceHandle): InstanceStateKind | undefined {
    return this.instances.get(handle)?.state;
  }

  /** Applies a change received from a matched writer (8.4.12 / 8.4.10.4 received_change_set, then DDS 2.2.2.5.1). */
  addChange(change: CacheChange): ReaderAddOutcome {
    let inst = this.instances.get(change.instanceHandle);
    const key = writerKey(change.writerGuid);
    if (change.kind === 'NOT_ALIVE_UNREGISTERED' && inst === undefined) return { accepted: true, stored: false, evicted: 0 };
    if (inst === undefined) {
      if (this.instances.size >= this.limits.maxInstances) return { accepted: false, reason: 'REJECTED_BY_INSTANCES_LIMIT' };
      inst = {
        handle: change.instanceHandle,
        state: InstanceStateKind.ALIVE,
        viewState: ViewStateKind.NEW,
        writers: new Set(),
        samples: [],
        disposedGenerationCount: 0,
        noWritersGenerationCount: 0,
      };
      this.instances.set(change.instanceHandle, inst);
    }
    if (change.kind === 'ALIVE') {
      const room = this.makeRoom(inst);
      if (typeof room === 'string') {
        if (inst.samples.length === 0 && inst.writers.size === 0) this.instances.delete(inst.handle);
        return { accepted: false, reason: room };
      }
      if (inst.state !== InstanceStateKind.ALIVE) {
        // An instance coming back to life starts a new generation and is NEW again (DDS 2.2.2.5.1).
        if (inst.state === InstanceStateKind.NOT_ALIVE_DISPOSED) inst.disposedGenerationCount++;
        else inst.noWritersGenerationCount++;
        inst.state = InstanceStateKind.ALIVE;
        inst.viewState = ViewStateKind.NEW;
      }
      this.registerWriter(inst, key);
      this.push(inst, change.writerGuid, change.data, true, change.sourceTimestamp);
      return { accepted: true, stored: true, evicted: room };
    }
    let changed = false;
    if (change.kind === 'NOT_ALIVE_DISPOSED' || change.kind === 'NOT_ALIVE_DISPOSED_UNREGISTERED') {
      if (change.kind === 'NOT_ALIVE_DISPOSED') this.registerWriter(inst, key);
      if (inst.state === InstanceStateKind.ALIVE) {
        inst.state = InstanceStateKind.NOT_ALIVE_DISPOSED;
        changed = true;
      }
    }
    if (change.kind !== 'NOT_ALIVE_DISPOSED') {
      this.unregisterWriter(inst, key);
      if (inst.writers.size === 0 && inst.state === InstanceStateKind.ALIVE) {
        inst.state = InstanceStateKind.NOT_ALIVE_NO_WRITERS;
        changed = true;
      }
    }
    return this.notify(inst, changed, change.writerGuid, change.sourceTimestamp);
  }

  /**
   * A matched writer is gone (unmatched, or its liveliness lost, DDS 2.2.2.5.1): instances it alone kept alive
   * become NOT_ALIVE_NO_WRITERS.
   */
  writerLost(writerGuid: Guid): void {
    const key = writerKey(writerGuid);
    const handles = this.byWriter.get(key);
    if (handles === undefined) return;
    this.byWriter.delete(key);
    for (const h of handles) {
      const inst = this.instances.get(h)!;
      inst.writers.delete(key);
      if (inst.writers.size === 0 && inst.state === InstanceStateKind.ALIVE) {
        inst.state = InstanceStateKind.NOT_ALIVE_NO_WRITERS;
        this.notify(inst, true, writerGuid, undefined);
      }
    }
  }

  /** read (DDS 2.2.2.5.3.8): returns matching samples and marks them READ and their instances NOT_NEW. */
  read(condition: ReadCondition = {}): Sample[] {
    return this.collect(condition, false);
  }

  /** take (DDS 2.2.2.5.3.9): as read, but removes the samples returned. */
  take(condition: ReadCondition = {}): Sample[] {
    return this.collect(condition, true);
  }

  private notify(inst: InstanceRecord, changed: boolean, writerGuid: Guid, ts: Time | undefined): ReaderAddOutcome {
    if (!changed) return { accepted: true, stored: false, evicted: 0 };
    // The state change is kept even without room; only the data-less sample announcing it is then lost.
    const room = this.makeRoom(inst);
    if (typeof room === 'string') return { accepted: true, stored: false, evicted: 0 };
    this.push(inst, writerGuid, undefined, false, ts);
    return { accepted: true, stored: true, evicted: room };
  }

  /** Evicts per KEEP_LAST or refuses per RESOURCE_LIMITS; returns the number evicted or the refusal. */
  private makeRoom(inst: InstanceRecord): number | SampleRejectedReason {
    const h = this.options.history;
    if (h.kind === 'KEEP_LAST' && inst.samples.length >= h.depth) {
      const drop = inst.samples.length - h.depth + 1;
      inst.samples.splice(0, drop);
      this.sampleCount -= drop;
      return drop;
    }
    if (inst.samples.length >= this.limits.maxSamplesPerInstance) return 'REJECTED_BY_SAMPLES_PER_INSTANCE_LIMIT';
    if (this.sampleCount >= this.limits.maxSamples) return 'REJECTED_BY_SAMPLES_LIMIT';
    return 0;
  }

  private push(inst: InstanceRecord, writerGuid: Guid, data: Uint8Array | undefined, validData: boolean, ts: Time | undefined): void {
    inst.samples.push({
      sampleState: SampleStateKind.NOT_READ,
      data: validData ? data : undefined,
      validData,
      sourceTimestamp: ts,
      writerGuid,
      disposedGenerationCount: inst.disposedGenerationCount,
      noWritersGenerationCount: inst.noWritersGenerationCount,
    });
    this.sampleCount++;
  }

  private registerWriter(inst: InstanceRecord, key: string): void {
    if (inst.writers.has(key)) return;
    inst.writers.add(key);
    let set = this.byWriter.get(key);
    if (set === undefined) this.byWriter.set(key, (set = new Set()));
    set.add(inst.handle);
  }

  private unregisterWriter(inst: InstanceRecord, key: string): void {
    if (!inst.writers.delete(key)) return;
    const set = this.byWriter.get(key)!;
    set.delete(inst.handle);
    if (set.size === 0) this.byWriter.delete(key);
  }

  private collect(c: ReadCondition, take: boolean): Sample[] {
    const out: Sample[] = [];
    const max = c.maxSamples ?? Infinity;
    const records = c.instance === undefined ? this.instances.values() : [this.instances.get(c.instance)].filter((r) => r !== undefined);
    for (const inst of records) {
      if (out.length >= max) break;
      if (c.instanceStates && !c.instanceStates.includes(inst.state)) continue;
      if (c.viewStates && !c.viewStates.includes(inst.viewState)) continue;
      const picked: StoredSample[] = [];
      for (const s of inst.samples) {
        if (out.length + picked.length >= max) break;
        if (c.sampleStates && !c.sampleStates.includes(s.sampleState)) continue;
        picked.push(s);
      }
      if (picked.length === 0) continue;
      this.emit(inst, picked, out);
      inst.viewState = ViewStateKind.NOT_NEW;
      if (take) {
        // Taking the oldest samples is the common case: drop the prefix without building a set.
        if (picked.every((s, i) => inst.samples[i] === s)) inst.samples.splice(0, picked.length);
        else {
          const gone = new Set(picked);
          inst.samples = inst.samples.filter((s) => !gone.has(s));
        }
        this.sampleCount -= picked.length;
        // An instance nobody writes and nothing is left of can be forgotten (DDS 2.2.2.5.3.9 reclaiming).
        if (inst.samples.length === 0 && inst.writers.size === 0 && inst.state !== InstanceStateKind.ALIVE) this.instances.delete(inst.handle);
      } else {
        for (const s of picked) s.sampleState = SampleStateKind.READ;
      }
    }
    return out;
  }

  /** Appends picked samples of one instance with their SampleInfo and ranks (DDS 2.2.2.5.5). */
  private emit(inst: InstanceRecord, picked: StoredSample[], out: Sample[]): void {
    const last = picked[picked.length - 1]!;
    const mrsic = last.disposedGenerationCount + last.noWritersGenerationCount;
    const current = inst.disposedGenerationCount + inst.noWritersGenerationCount;
    for (let i = 0; i < picked.length; i++) {
      const s = picked[i]!;
      const gen = s.disposedGenerationCount + s.noWritersGenerationCount;
      out.push({
        data: s.data,
        info: {
          sampleState: s.sampleState,
          viewState: inst.viewState,
          instanceState: inst.state,
          validData: s.validData,
          sourceTimestamp: s.sourceTimestamp,
          instanceHandle: inst.handle,
          publicationHandle: s.writerGuid,
          disposedGenerationCount: s.disposedGenerationCount,
          noWritersGenerationCount: s.noWritersGenerationCount,
          sampleRank: picked.length - 1 - i,
          generationRank: mrsic - gen,
          absoluteGenerationRank: current - gen,
        },
      });
    }
  }
}
