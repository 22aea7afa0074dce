import type { DecodeError } from '../codec/decode-error.js';
import type { DropReason } from './api.js';

/** Every DropReason, for iterating the counters. */
export const DROP_REASONS: readonly DropReason[] = [
  'malformed',
  'not-rtps',
  'unsupported-version',
  'foreign-domain',
  'own-message',
  'unknown-destination',
  'unknown-entity',
  'unmatched',
  'resource-limit',
];

/** What the Participant counts (the CLI's --verbose): per-reason drops and traffic totals. */
export interface ParticipantStats {
  readonly datagramsReceived: number;
  readonly datagramsSent: number;
  /** Incoming datagrams or submessages dropped, by reason (8.3.4.1 and the receive path of 8.3.4). */
  readonly dropped: Readonly<Record<DropReason, number>>;
  /** Outgoing submessages that did not fit one datagram for their locator (never sent). */
  readonly oversizeDropped: number;
  /** The last drop's reason and explanation, for diagnostics. */
  readonly lastDrop: { readonly reason: DropReason; readonly detail: string } | undefined;
}

/** Every DropReason at zero. */
export function emptyDropCounters(): Record<DropReason, number> {
  const out = {} as Record<DropReason, number>;
  for (const r of DROP_REASONS) out[r] = 0;
  return out;
}

const MAGIC = [0x52, 0x54, 0x50, 0x53];

/** The reason for a message whose Header did not decode (8.3.4.1): not RTPS at all, a newer major version, or malformed. */
export function headerDropReason(bytes: Uint8Array, error: DecodeError): DropReason {
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) return 'not-rtps';
  return error.field === 'Header.protocolVersion.major' ? 'unsupported-version' : 'malformed';
}
