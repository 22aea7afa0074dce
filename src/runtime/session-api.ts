import type { Guid, GuidPrefix, Nanos, Time } from '../../rtps/index.js';

/**
 * What the commands need of a running participant, in application terms (DDS entities, not RTPS): the
 * commands are written against this, and session.ts maps it onto the sans-I/O Participant plus the UDP
 * host loop.
 */
export interface EndpointSpec {
  readonly topicName: string;
  readonly typeName: string;
  readonly keyed: boolean;
  readonly reliable: boolean;
  /** TRANSIENT and PERSISTENT are announced as such but served from the writer's history like TRANSIENT_LOCAL. */
  readonly durability: 'volatile' | 'transient-local' | 'transient' | 'persistent';
  /** KEEP_LAST depth, or 'all' for KEEP_ALL. */
  readonly history: number | 'all';
  /** RESOURCE_LIMITS max_samples (KEEP_ALL writers block when it is reached). */
  readonly maxSamples?: number;
  readonly partition: readonly string[];
  /** DEADLINE period in ms (0 or absent: infinite). */
  readonly deadlineMs?: number;
  /** EXCLUSIVE ownership with this strength; absent: SHARED. */
  readonly ownershipStrength?: number;
  /** LIFESPAN in ms (writers). */
  readonly lifespanMs?: number;
  /** TIME_BASED_FILTER minimum separation in ms (readers). */
  readonly timeBasedFilterMs?: number;
  /** Data representation offered (writer) or accepted (reader): XCDR1 or XCDR2. */
  readonly dataRepresentation: 1 | 2;
  /** Readers of keyed topics: the key hash of a sample that arrives without PID_KEY_HASH. */
  readonly keyHashOf?: (payload: Uint8Array) => Uint8Array | undefined;
}

export interface WriterHandle {
  readonly guid: Guid;
  readonly spec: EndpointSpec;
}

export interface ReaderHandle {
  readonly guid: Guid;
  readonly spec: EndpointSpec;
}

/** One sample (or instance-state change) taken from a reader. */
export interface TakenSample {
  /** SerializedPayload with its encapsulation header; undefined for a pure instance-state change. */
  readonly payload: Uint8Array | undefined;
  readonly sourceTimestamp: Time | undefined;
  readonly writer: Guid;
  readonly keyHash: Uint8Array | undefined;
  readonly instanceState: 'alive' | 'disposed' | 'no-writers';
}

export type WriteOutcome = 'ok' | 'full';

/** What the commands hear about (a subset of the Participant's events, in DDS status terms). */
export type SessionEvent =
  | { readonly kind: 'participant-discovered'; readonly guidPrefix: GuidPrefix; readonly userData: Uint8Array | undefined }
  | { readonly kind: 'participant-lost'; readonly guidPrefix: GuidPrefix }
  | { readonly kind: 'publication-matched'; readonly writer: WriterHandle; readonly remote: Guid; readonly current: number; readonly change: number }
  | { readonly kind: 'subscription-matched'; readonly reader: ReaderHandle; readonly remote: Guid; readonly current: number; readonly change: number }
  | { readonly kind: 'incompatible-qos'; readonly role: 'writer' | 'reader'; readonly topicName: string; readonly typeName: string; readonly policy: string }
  | { readonly kind: 'data-available'; readonly reader: ReaderHandle }
  /** Input arrived after a write on this writer returned 'full': acknowledgements may have made room. */
  | { readonly kind: 'writer-unblocked'; readonly writer: WriterHandle };

export interface Session {
  readonly guidPrefix: GuidPrefix;
  /** Monotonic nanoseconds since the session started. */
  now(): Nanos;
  createWriter(spec: EndpointSpec): WriterHandle;
  createReader(spec: EndpointSpec): ReaderHandle;
  deleteWriter(w: WriterHandle): void;
  /** Writes one sample; `sourceTimestamp` defaults to the wall clock. */
  write(w: WriterHandle, payload: Uint8Array, options?: { keyHash?: Uint8Array; sourceTimestamp?: Time }): WriteOutcome;
  dispose(w: WriterHandle, keyHash: Uint8Array): void;
  unregister(w: WriterHandle, keyHash: Uint8Array): void;
  take(r: ReaderHandle): TakenSample[];
  /** Like take, but the samples stay in the reader's history (DDS read). */
  read(r: ReaderHandle): TakenSample[];
  /** OWNERSHIP_STRENGTH a discovered remote writer announced (0 if it announced none), undefined if unknown. */
  remoteWriterStrength(writer: Guid): number | undefined;
  /** Whether every matched reliable reader acknowledged everything written on `w`. */
  acknowledgedByAll(w: WriterHandle): boolean;
  onEvent(handler: (e: SessionEvent) => void): void;
  /** Lines for --verbose: drop counters with reasons, transport counters. */
  diagnostics(): string[];
  /** Announces our departure (SPDP/SEDP dispose), flushes it and closes the sockets. */
  close(): Promise<void>;
}
