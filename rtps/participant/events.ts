import type { DiscoveredReaderData, DiscoveredWriterData } from '../discovery/endpoint-data.js';
import type { SPDPdiscoveredParticipantData } from '../discovery/participant-data.js';
import type { Guid, GuidPrefix } from '../types/guid.js';
import type { QosPolicyName } from './matching.js';

/**
 * What the Participant reports through pollEvent(): discovery (8.5.3 SPDP, 8.5.4 SEDP), matching with the DDS
 * statuses it stands for (DDS 1.4 2.2.4.1 PUBLICATION_MATCHED, SUBSCRIPTION_MATCHED, OFFERED/REQUESTED_
 * INCOMPATIBLE_QOS, DATA_AVAILABLE). `local` is always one of our endpoints, `remote` a discovered one.
 */
export type ParticipantEvent =
  | { readonly kind: 'participant-discovered'; readonly guidPrefix: GuidPrefix; readonly data: SPDPdiscoveredParticipantData }
  | { readonly kind: 'participant-lost'; readonly guidPrefix: GuidPrefix; readonly reason: 'lease-expired' | 'disposed' }
  | { readonly kind: 'publication-discovered'; readonly data: DiscoveredWriterData }
  | { readonly kind: 'subscription-discovered'; readonly data: DiscoveredReaderData }
  | { readonly kind: 'publication-lost' | 'subscription-lost'; readonly guid: Guid; readonly topicName: string }
  /** A local writer matched (or lost) a remote reader; currentCount is its matched reader count after the change. */
  | MatchEvent<'publication-matched' | 'publication-unmatched'>
  /** A local reader matched (or lost) a remote writer. */
  | MatchEvent<'subscription-matched' | 'subscription-unmatched'>
  /** Same topic and partition, but the reader requests more than the writer offers: no match. */
  | {
      readonly kind: 'incompatible-qos';
      readonly local: Guid;
      readonly role: 'writer' | 'reader';
      readonly remote: Guid;
      readonly topicName: string;
      readonly policies: readonly QosPolicyName[];
    }
  /** New samples (or instance-state changes) wait in the reader's history: take() them. */
  | { readonly kind: 'data-available'; readonly reader: Guid; readonly topicName: string };

/** A match or unmatch of one local endpoint with one remote endpoint (DDS 2.2.4.1 *_MATCHED status). */
export interface MatchEvent<K extends string> {
  readonly kind: K;
  readonly local: Guid;
  readonly remote: Guid;
  readonly topicName: string;
  readonly currentCount: number;
}
