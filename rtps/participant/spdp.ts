import { BuiltinEndpointSet } from '../discovery/builtin-endpoint-set.js';
import { writeParameterListPayload } from '../discovery/discovery-payload.js';
import { keyHashParameter, StatusInfo, statusInfoParameter } from '../discovery/inline-qos.js';
import type { SPDPdiscoveredParticipantData } from '../discovery/participant-data.js';
import { guidParameter } from '../discovery/parameter-set.js';
import { PID_PARTICIPANT_GUID } from '../discovery/pid.js';
import { ByteWriter } from '../codec/byte-writer.js';
import {
  ENTITYID_PARTICIPANT,
  ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
  ENTITYID_SPDP_BUILTIN_PARTICIPANT_DETECTOR,
  writeGuid,
  type Guid,
} from '../types/guid.js';
import { locatorEquals, locatorToString, LOCATOR_PORT_INVALID, type Locator } from '../types/locator.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import { durationFromNanos } from '../types/time.js';
import { PROTOCOLVERSION_2_5 } from '../types/version.js';
import type { Data } from '../wire/submessages/data.js';
import type { ResolvedParticipantConfig } from './config.js';
import { EMPTY_PROPERTY_LIST } from '../discovery/property-list.js';
import { spdpUnicastPort } from './port-mapping.js';

/** The built-in endpoints this participant has and announces (8.5.3.2 availableBuiltinEndpoints). */
export const OUR_BUILTIN_ENDPOINTS =
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PARTICIPANT_ANNOUNCER |
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PARTICIPANT_DETECTOR |
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PUBLICATIONS_ANNOUNCER |
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_PUBLICATIONS_DETECTOR |
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_SUBSCRIPTIONS_ANNOUNCER |
  BuiltinEndpointSet.DISC_BUILTIN_ENDPOINT_SUBSCRIPTIONS_DETECTOR;

/** A GUID as the 16 octets of its key hash (9.6.3.3: built-in topics are keyed by GUID). */
export function guidKeyHash(g: Guid): Uint8Array {
  const w = new ByteWriter(false, 16);
  writeGuid(w, g);
  return w.finish();
}

/** Our SPDPdiscoveredParticipantData (8.5.3.2). */
export function ownParticipantData(c: ResolvedParticipantConfig): SPDPdiscoveredParticipantData {
  return {
    guid: { prefix: c.guidPrefix, entityId: ENTITYID_PARTICIPANT },
    protocolVersion: PROTOCOLVERSION_2_5,
    vendorId: c.vendorId,
    expectsInlineQos: false,
    metatrafficUnicastLocatorList: c.metatrafficUnicastLocators,
    metatrafficMulticastLocatorList: c.metatrafficMulticastLocators,
    defaultUnicastLocatorList: c.defaultUnicastLocators,
    defaultMulticastLocatorList: c.defaultMulticastLocators,
    availableBuiltinEndpoints: OUR_BUILTIN_ENDPOINTS,
    builtinEndpointQos: 0,
    leaseDuration: durationFromNanos(BigInt(c.leaseDuration)),
    manualLivelinessCount: 0,
    domainId: c.domainId,
    domainTag: c.domainTag,
    ...(c.participantName === undefined ? {} : { entityName: c.participantName }),
    userData: c.userData,
    propertyList: EMPTY_PROPERTY_LIST,
    unknown: [],
  };
}

/** The SPDP DATA(p) (8.5.3.3): the participant data, keyed by the participant GUID in inline QoS. */
export function spdpData(payload: Uint8Array, guid: Guid, sn: SequenceNumber): Data {
  return {
    kind: 'DATA',
    littleEndian: true,
    inlineQosFlag: true,
    dataFlag: true,
    keyFlag: false,
    nonStandardPayloadFlag: false,
    extraFlags: 0,
    readerId: ENTITYID_SPDP_BUILTIN_PARTICIPANT_DETECTOR,
    writerId: ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
    writerSN: sn,
    inlineQos: [keyHashParameter(guidKeyHash(guid))],
    serializedPayload: payload,
  };
}

/**
 * The DATA(p[UD]) a participant sends as it leaves (8.5.3, 9.6.4.9): StatusInfo disposed|unregistered, the
 * key hash, and the key as a PL_CDR payload holding PID_PARTICIPANT_GUID (as Cyclone DDS sends it).
 */
export function spdpDisposeData(guid: Guid, sn: SequenceNumber): Data {
  return {
    kind: 'DATA',
    littleEndian: true,
    inlineQosFlag: true,
    dataFlag: false,
    keyFlag: true,
    nonStandardPayloadFlag: false,
    extraFlags: 0,
    readerId: ENTITYID_SPDP_BUILTIN_PARTICIPANT_DETECTOR,
    writerId: ENTITYID_SPDP_BUILTIN_PARTICIPANT_ANNOUNCER,
    writerSN: sn,
    inlineQos: [keyHashParameter(guidKeyHash(guid)), statusInfoParameter(StatusInfo.DISPOSED | StatusInfo.UNREGISTERED)],
    serializedPayload: writeParameterListPayload([guidParameter(PID_PARTICIPANT_GUID, true, guid)], true),
  };
}

/**
 * Where periodic SPDP goes (8.5.3.1 readerLocators): the multicast group when enabled, and each initial
 * peer; a peer given without a port stands for the SPDP unicast ports of participant ids
 * 0..maxAutoParticipantIndex there (9.6.2.3), since we cannot know which ids its participants took.
 */
export function spdpLocators(c: ResolvedParticipantConfig): Locator[] {
  const out: Locator[] = [...(c.useMulticast ? c.metatrafficMulticastLocators : [])];
  for (const peer of c.initialPeers) {
    if (peer.port !== LOCATOR_PORT_INVALID) {
      out.push(peer);
      continue;
    }
    for (let id = 0; id <= c.maxAutoParticipantIndex; id++) {
      const port = spdpUnicastPort(c.domainId, id, c.portMapping);
      out.push({ kind: peer.kind, port, address: peer.address });
    }
  }
  return dedupeLocators(out).filter((l) => !c.metatrafficUnicastLocators.some((own) => locatorEquals(own, l)));
}

/** The locators without repeats, first occurrence kept (locator lists, 9.3.2). */
export function dedupeLocators(ls: readonly Locator[]): Locator[] {
  const seen = new Set<string>();
  return ls.filter((l) => {
    const k = locatorToString(l);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
