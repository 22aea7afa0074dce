import { ByteReader } from '../codec/byte-reader.js';
import { ByteWriter } from '../codec/byte-writer.js';
import { DecodeError, type Result } from '../codec/decode-error.js';
import { readHeader, writeHeader, RTPS_HEADER_SIZE, type Header } from './header.js';
import { readSubmessageBody, writeSubmessage, zeroLengthMeansEmpty, type Submessage } from './submessage.js';
import { FLAG_ENDIANNESS, SUBMESSAGE_HEADER_SIZE } from './submessage-id.js';

/** An RTPS Message (8.3.3, 9.4.1): a Header followed by submessages. */
export interface RtpsMessage {
  readonly header: Header;
  readonly submessages: readonly Submessage[];
}

/**
 * A decoded Message. When a submessage is invalid (8.3.4.1: the rest of the Message is ignored), decoding
 * stops there: `submessages` holds those before it and `invalidTail` says why the rest (from the invalid
 * submessage's header on) was dropped. Truncated submessage headers, octetsToNextHeader past the end of the
 * message and bodies failing their kind's validity rules (8.3.7.x) all end decoding this way.
 */
export interface DecodedMessage extends RtpsMessage {
  readonly invalidTail?: DecodeError;
}

/**
 * Decodes a Message. An invalid Header (8.3.4.1: shorter than 20 octets, not 'RTPS', a major version
 * above 2) is an error; everything after a valid header yields ok (see DecodedMessage). Unknown and
 * vendor-specific submessages come back as UNKNOWN. Payloads and parameter values are views into `bytes`.
 */
export function decodeMessage(bytes: Uint8Array): Result<DecodedMessage> {
  const r = new ByteReader(bytes, false, 0);
  let header: Header;
  try {
    header = readHeader(r);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e };
    throw e;
  }
  const submessages: Submessage[] = [];
  let invalidTail: DecodeError | undefined;
  while (r.pos < bytes.length) {
    const start = r.pos;
    try {
      r.need(SUBMESSAGE_HEADER_SIZE, 'SubmessageHeader');
      const id = r.u8('SubmessageHeader.submessageId');
      const flags = r.u8('SubmessageHeader.flags');
      r.littleEndian = (flags & FLAG_ENDIANNESS) !== 0;
      const octetsToNextHeader = r.u16('SubmessageHeader.octetsToNextHeader');
      // 9.4.5.1.3: 0 means "up to the end of the message", except for PAD and INFO_TS where it means empty.
      const length = octetsToNextHeader === 0 && !zeroLengthMeansEmpty(id) ? r.remaining : octetsToNextHeader;
      if (length > r.remaining) {
        r.fail('SubmessageHeader.octetsToNextHeader', `${length} exceeds the ${r.remaining} octets left in the message`, start + 2);
      }
      submessages.push(readBody(r, id, flags, length));
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      invalidTail = e;
      break;
    }
  }
  const value: DecodedMessage = invalidTail === undefined ? { header, submessages } : { header, submessages, invalidTail };
  return { ok: true, value };
}

/**
 * Reads a body of `length` octets at r.pos and leaves r.pos after it. Fast path: straight from the message
 * reader. If that fails or overruns the body, the body is decoded again through a reader ending exactly at
 * the body, whose DecodeError names the field that does not fit (or the validity rule broken).
 */
function readBody(r: ByteReader, id: number, flags: number, length: number): Submessage {
  const start = r.pos;
  const end = start + length;
  try {
    const sm = readSubmessageBody(id, flags, r, end);
    if (r.pos <= end) {
      r.pos = end;
      return sm;
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  // A failed read may have left the byte order mid-switch (entity ids are always big-endian).
  r.pos = start;
  r.littleEndian = (flags & FLAG_ENDIANNESS) !== 0;
  return readSubmessageBody(id, flags, r.sub(length, 'Submessage'), length);
}

/** Room for the whole message up front, so a 50 KB payload is copied once, not through repeated doublings. */
function encodedSizeHint(msg: RtpsMessage): number {
  let n = RTPS_HEADER_SIZE;
  for (const s of msg.submessages) {
    n += 64;
    if ((s.kind === 'DATA' || s.kind === 'DATA_FRAG') && s.serializedPayload !== undefined) n += s.serializedPayload.length;
  }
  return n;
}

/** Encodes a Message; every octetsToNextHeader is exact (never 0 for "to the end"). Throws EncodeError. */
export function encodeMessage(msg: RtpsMessage): Uint8Array {
  const w = new ByteWriter(false, encodedSizeHint(msg));
  writeHeader(w, msg.header);
  const n = msg.submessages.length;
  for (let i = 0; i < n; i++) writeSubmessage(w, msg.submessages[i]!, i === n - 1);
  return w.finish();
}
