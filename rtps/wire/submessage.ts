import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { EncodeError } from '../codec/decode-error.js';
import { FLAG_ENDIANNESS, SUBMESSAGE_HEADER_SIZE, SubmessageId } from './submessage-id.js';
import { readAckNackBody, writeAckNackBody, type AckNack } from './submessages/acknack.js';
import { readDataFragBody, writeDataFragBody, type DataFrag } from './submessages/data-frag.js';
import { readDataBody, writeDataBody, type Data } from './submessages/data.js';
import { readGapBody, writeGapBody, type Gap } from './submessages/gap.js';
import { readHeartbeatFragBody, writeHeartbeatFragBody, type HeartbeatFrag } from './submessages/heartbeat-frag.js';
import { readHeartbeatBody, writeHeartbeatBody, type Heartbeat } from './submessages/heartbeat.js';
import { readInfoDestinationBody, writeInfoDestinationBody, type InfoDestination } from './submessages/info-dst.js';
import { readInfoReplyIp4Body, writeInfoReplyIp4Body, type InfoReplyIp4 } from './submessages/info-reply-ip4.js';
import { readInfoReplyBody, writeInfoReplyBody, type InfoReply } from './submessages/info-reply.js';
import { readInfoSourceBody, writeInfoSourceBody, type InfoSource } from './submessages/info-src.js';
import { readInfoTimestampBody, writeInfoTimestampBody, type InfoTimestamp } from './submessages/info-ts.js';
import { readNackFragBody, writeNackFragBody, type NackFrag } from './submessages/nack-frag.js';
import { readPadBody, writePadBody, type Pad } from './submessages/pad.js';
import { readUnknownBody, writeUnknownBody, type UnknownSubmessage } from './submessages/unknown.js';

/** Entity submessages (8.3.7): addressed to a reader or writer. */
export type EntitySubmessage = AckNack | Data | DataFrag | Gap | Heartbeat | HeartbeatFrag | NackFrag;
/** Interpreter submessages (8.3.7): they change the receiver's state (8.3.4) for the submessages after them. */
export type InterpreterSubmessage = InfoDestination | InfoReply | InfoReplyIp4 | InfoSource | InfoTimestamp | Pad;
/** Any submessage of a Message (8.3.3.2, 9.4.5), discriminated by `kind`. */
export type Submessage = EntitySubmessage | InterpreterSubmessage | UnknownSubmessage;
/** The discriminant of Submessage: the submessage names of 9.4.5, or 'UNKNOWN'. */
export type SubmessageKind = Submessage['kind'];

/**
 * Decodes one submessage body starting at `body.pos`, already in the endianness of the E flag; `end` is
 * where octetsToNextHeader says the body ends. Octets between what the kind needs and `end` are ignored
 * (9.4.5.1.3). Throws DecodeError when the body is invalid (8.3.4.1, 8.3.7.x "Validity").
 *
 * The fixed-layout parts are read without checking `end` (only the reader's own bounds): the caller must
 * treat `body.pos > end` afterwards as a body too short for its contents. decodeMessage does, and then
 * decodes again through a reader bounded at `end` to report the exact field; this keeps the common path
 * free of a reader allocation per submessage.
 */
export function readSubmessageBody(id: number, flags: number, body: ByteReader, end: number): Submessage {
  switch (id) {
    case SubmessageId.DATA:
      return readDataBody(body, flags, end);
    case SubmessageId.HEARTBEAT:
      return readHeartbeatBody(body, flags);
    case SubmessageId.ACKNACK:
      return readAckNackBody(body, flags);
    case SubmessageId.DATA_FRAG:
      return readDataFragBody(body, flags, end);
    case SubmessageId.INFO_TS:
      return readInfoTimestampBody(body, flags);
    case SubmessageId.INFO_DST:
      return readInfoDestinationBody(body);
    case SubmessageId.GAP:
      return readGapBody(body, flags);
    case SubmessageId.HEARTBEAT_FRAG:
      return readHeartbeatFragBody(body);
    case SubmessageId.NACK_FRAG:
      return readNackFragBody(body);
    case SubmessageId.INFO_SRC:
      return readInfoSourceBody(body);
    case SubmessageId.INFO_REPLY:
      return readInfoReplyBody(body, flags);
    case SubmessageId.INFO_REPLY_IP4:
      return readInfoReplyIp4Body(body, flags);
    case SubmessageId.PAD:
      return readPadBody(body, end);
    default:
      return readUnknownBody(body, id, flags, end);
  }
}

/** Writes the body in `w`'s endianness and returns the header flags. */
function writeSubmessageBody(w: ByteWriter, m: Submessage): number {
  switch (m.kind) {
    case 'ACKNACK':
      return writeAckNackBody(w, m);
    case 'DATA':
      return writeDataBody(w, m);
    case 'DATA_FRAG':
      return writeDataFragBody(w, m);
    case 'GAP':
      return writeGapBody(w, m);
    case 'HEARTBEAT':
      return writeHeartbeatBody(w, m);
    case 'HEARTBEAT_FRAG':
      return writeHeartbeatFragBody(w, m);
    case 'INFO_DST':
      return writeInfoDestinationBody(w, m);
    case 'INFO_REPLY':
      return writeInfoReplyBody(w, m);
    case 'INFO_REPLY_IP4':
      return writeInfoReplyIp4Body(w, m);
    case 'INFO_SRC':
      return writeInfoSourceBody(w, m);
    case 'INFO_TS':
      return writeInfoTimestampBody(w, m);
    case 'NACK_FRAG':
      return writeNackFragBody(w, m);
    case 'PAD':
      return writePadBody(w, m);
    case 'UNKNOWN':
      return writeUnknownBody(w, m);
  }
}

/** The SubmessageId of a submessage (9.4.5.1.1). */
export function submessageId(m: Submessage): number {
  return m.kind === 'UNKNOWN' ? m.id : SubmessageId[m.kind];
}

/** Whether octetsToNextHeader == 0 means an empty body rather than "to the end of the message" (9.4.5.1.3). */
export function zeroLengthMeansEmpty(id: number): boolean {
  return id === SubmessageId.PAD || id === SubmessageId.INFO_TS;
}

/**
 * Writes header and body, with octetsToNextHeader set to the exact body length. A body that would have to
 * be announced as 0 where 0 means "to the end of the message" is only accepted for the last submessage.
 */
export function writeSubmessage(w: ByteWriter, m: Submessage, isLast: boolean): void {
  const id = submessageId(m);
  const littleEndian = m.kind === 'UNKNOWN' ? (m.flags & FLAG_ENDIANNESS) !== 0 : m.littleEndian;
  const start = w.pos;
  const saved = w.littleEndian;
  w.littleEndian = littleEndian;
  w.zeros(SUBMESSAGE_HEADER_SIZE);
  const flags = writeSubmessageBody(w, m);
  w.littleEndian = saved;
  const length = w.pos - start - SUBMESSAGE_HEADER_SIZE;
  if (length > 0xffff) throw new EncodeError(`${m.kind}.octetsToNextHeader`, `body of ${length} octets exceeds 65535`);
  if (length === 0 && !isLast && !zeroLengthMeansEmpty(id)) {
    throw new EncodeError(`${m.kind}.octetsToNextHeader`, 'an empty body would read as "to the end of the message"');
  }
  w.patchU16(start, (id << 8) | flags, false);
  w.patchU16(start + 2, length, littleEndian);
}
