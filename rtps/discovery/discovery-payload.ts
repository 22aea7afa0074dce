import { ByteReader } from '../codec/byte-reader.js';
import { ByteWriter } from '../codec/byte-writer.js';
import type { Guid } from '../types/guid.js';
import { readParameterList, writeParameterList, type Parameter } from '../wire/parameter-list.js';
import { Encapsulation, readEncapsulation, writeEncapsulation } from '../cdr/encapsulation.js';
import type { DiscoveryDecodeContext } from './decode-context.js';
import { decodeReaderData, decodeWriterData, encodeReaderData, encodeWriterData, type DiscoveredReaderData, type DiscoveredWriterData } from './endpoint-data.js';
import { missing, readFirst, readGuidValue, uninterpreted } from './parameter-set.js';
import { decodeParticipantData, encodeParticipantData, type SPDPdiscoveredParticipantData } from './participant-data.js';
import { PID_ENDPOINT_GUID, PID_PARTICIPANT_GUID } from './pid.js';
import { decodeTopicData, encodeTopicData, type DiscoveredTopicData } from './topic-data.js';

/** A discovery SerializedPayload (9.6.2.2, 10.3): a PL_CDR encapsulation header, then a ParameterList. */
export interface ParameterListPayload {
  readonly littleEndian: boolean;
  readonly parameters: Parameter[];
}

/**
 * Reads the encapsulation and the list. `baseOffset` is the payload's offset in the message, so errors
 * point into the datagram. Built-in topic data is always PL_CDR (XCDR1), whatever the user types use.
 */
export function readParameterListPayload(payload: Uint8Array, baseOffset = 0, field = 'serializedPayload'): ParameterListPayload {
  const r = new ByteReader(payload, false, baseOffset);
  const enc = readEncapsulation(r, `${field}.encapsulation`);
  if (enc.id !== Encapsulation.PL_CDR_BE && enc.id !== Encapsulation.PL_CDR_LE) {
    r.fail(`${field}.encapsulation.identifier`, `discovery data must be PL_CDR_BE or PL_CDR_LE, got 0x${enc.id.toString(16).padStart(4, '0')}`, 0);
  }
  r.littleEndian = enc.littleEndian;
  return { littleEndian: enc.littleEndian, parameters: readParameterList(r, `${field}.parameters`) };
}

export function writeParameterListPayload(params: readonly Parameter[], littleEndian: boolean): Uint8Array {
  const w = new ByteWriter(littleEndian, 512);
  writeEncapsulation(w, littleEndian ? Encapsulation.PL_CDR_LE : Encapsulation.PL_CDR_BE);
  writeParameterList(w, params);
  return w.finish();
}

/** SPDP DATA(p) payload. */
export function decodeParticipantDataPayload(payload: Uint8Array, baseOffset = 0, ctx: DiscoveryDecodeContext = {}): SPDPdiscoveredParticipantData {
  const { littleEndian, parameters } = readParameterListPayload(payload, baseOffset);
  return decodeParticipantData(parameters, littleEndian, ctx);
}

export function encodeParticipantDataPayload(d: SPDPdiscoveredParticipantData, littleEndian: boolean): Uint8Array {
  return writeParameterListPayload(encodeParticipantData(d, littleEndian), littleEndian);
}

/** SEDP DATA(w) payload. */
export function decodeWriterDataPayload(payload: Uint8Array, baseOffset = 0, ctx: DiscoveryDecodeContext = {}): DiscoveredWriterData {
  const { littleEndian, parameters } = readParameterListPayload(payload, baseOffset);
  return decodeWriterData(parameters, littleEndian, ctx);
}

export function encodeWriterDataPayload(d: DiscoveredWriterData, littleEndian: boolean): Uint8Array {
  return writeParameterListPayload(encodeWriterData(d, littleEndian), littleEndian);
}

/** SEDP DATA(r) payload. */
export function decodeReaderDataPayload(payload: Uint8Array, baseOffset = 0, ctx: DiscoveryDecodeContext = {}): DiscoveredReaderData {
  const { littleEndian, parameters } = readParameterListPayload(payload, baseOffset);
  return decodeReaderData(parameters, littleEndian, ctx);
}

export function encodeReaderDataPayload(d: DiscoveredReaderData, littleEndian: boolean): Uint8Array {
  return writeParameterListPayload(encodeReaderData(d, littleEndian), littleEndian);
}

/** SEDP topic DATA payload. */
export function decodeTopicDataPayload(payload: Uint8Array, baseOffset = 0, ctx: DiscoveryDecodeContext = {}): DiscoveredTopicData {
  const { littleEndian, parameters } = readParameterListPayload(payload, baseOffset);
  return decodeTopicData(parameters, littleEndian, ctx);
}

export function encodeTopicDataPayload(d: DiscoveredTopicData, littleEndian: boolean): Uint8Array {
  return writeParameterListPayload(encodeTopicData(d, littleEndian), littleEndian);
}

/**
 * The GUID in a key-only built-in topic payload: what a dispose or unregister DATA carries (Cyclone DDS sends
 * just PID_ENDPOINT_GUID or PID_PARTICIPANT_GUID there, 9.6.3.3). Endpoint GUID first.
 */
export function decodeBuiltinTopicKeyPayload(payload: Uint8Array, baseOffset = 0, field = 'builtinTopicKey'): Guid {
  const { littleEndian, parameters } = readParameterListPayload(payload, baseOffset);
  uninterpreted(parameters, new Set(), field);
  return (
    readFirst(parameters, PID_ENDPOINT_GUID, littleEndian, `${field}.endpointGuid`, readGuidValue) ??
    readFirst(parameters, PID_PARTICIPANT_GUID, littleEndian, `${field}.participantGuid`, readGuidValue) ??
    missing(parameters, PID_ENDPOINT_GUID, field)
  );
}
