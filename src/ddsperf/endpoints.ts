import type { EndpointSpec } from '../runtime/session-api.js';
import { DDSPERF_TYPE_NAME, ddsperfTopics } from './topics.js';

/** ddsperf's RESOURCE_LIMITS max_samples on the Data topic. */
export const DATA_MAX_SAMPLES = 10_000;

function spec(topicName: string, reliable: boolean, history: number | 'all', partition: readonly string[]): EndpointSpec {
  return {
    topicName,
    typeName: DDSPERF_TYPE_NAME,
    keyed: true,
    reliable,
    durability: 'volatile',
    history,
    partition,
    dataRepresentation: 1,
    ...(history === 'all' ? { maxSamples: DATA_MAX_SAMPLES } : {}),
  };
}

/** Ping writer and reader: default partition, KEEP_LAST 1. */
export function pingSpec(reliable: boolean): EndpointSpec {
  return spec(ddsperfTopics(reliable).ping, reliable, 1, []);
}

/** A pong endpoint in the partition named after the pinging participant's GUID, KEEP_LAST 1. */
export function pongSpec(reliable: boolean, partition: string): EndpointSpec {
  return spec(ddsperfTopics(reliable).pong, reliable, 1, [partition]);
}

/** Data writer and reader: default partition, KEEP_ALL with 10 000 samples (ddsperf without -k). */
export function dataSpec(reliable: boolean): EndpointSpec {
  return spec(ddsperfTopics(reliable).data, reliable, 'all', []);
}
