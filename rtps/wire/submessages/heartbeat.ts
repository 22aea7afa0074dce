import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** The coherent-set group information a HEARTBEAT carries when its GroupInfoFlag is set (8.3.7.5, 9.4.5.7). */
export interface HeartbeatGroupInfo {
  readonly currentGSN: SequenceNumber;
  readonly firstGSN: SequenceNumber;
  readonly lastGSN: SequenceNumber;
  /** GroupDigest_t (9.3.2): 4 octets. */
  readonly writerSet: Uint8Array;
  /** GroupDigest_t (9.3.2): 4 octets. */
  readonly secureWriterSet: Uint8Array;
}

/** HEARTBEAT (8.3.7.5, 9.4.5.7). */
export interface Heartbeat {
  readonly kind: 'HEARTBEAT';
  readonly littleEndian: boolean;
  /** F: the writer does not require a response. */
  readonly finalFlag: boolean;
  /** L: the writer's DDS DataWriter asserted its liveliness. */
  readonly livelinessFlag: boolean;
  /** G: groupInfo is present. */
  readonly groupInfoFlag: boolean;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly firstSN: SequenceNumber;
  readonly lastSN: SequenceNumber;
  /** Count_t (a signed long). */
  readonly count: number;
  /** Present exactly when groupInfoFlag is set. */
  readonly groupInfo?: HeartbeatGroupInfo;
}

/** Flag bits of this submessage besides E (9.4.5.7). */
export const HEARTBEAT_FLAG_FINAL = 0x02;
export const HEARTBEAT_FLAG_LIVELINESS = 0x04;
export const HEARTBEAT_FLAG_GROUP_INFO = 0x08;

/** Decodes the body (9.4.5.7) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readHeartbeatBody(r: ByteReader, flags: number): Heartbeat {
  const start = r.pos;
  const readerId = readEntityId(r, 'HEARTBEAT.readerId');
  const writerId = readEntityId(r, 'HEARTBEAT.writerId');
  const firstSN = readSequenceNumber(r, 'HEARTBEAT.firstSN');
  const lastSN = readSequenceNumber(r, 'HEARTBEAT.lastSN');
  // 8.3.7.5.3: firstSN strictly positive, lastSN not negative, lastSN >= firstSN - 1 (an empty range).
  if (firstSN < 1n) r.fail('HEARTBEAT.firstSN', `${firstSN} is not strictly positive`, start + 8);
  if (lastSN < firstSN && lastSN !== firstSN - 1n) {
    r.fail('HEARTBEAT.lastSN', `${lastSN} is negative or below firstSN - 1`, start + 16);
  }
  const count = r.i32('HEARTBEAT.count');
  const groupInfoFlag = (flags & HEARTBEAT_FLAG_GROUP_INFO) !== 0;
  let groupInfo: HeartbeatGroupInfo | undefined;
  if (groupInfoFlag) {
    const currentGSN = readSequenceNumber(r, 'HEARTBEAT.currentGSN');
    const firstGSN = readSequenceNumber(r, 'HEARTBEAT.firstGSN');
    const lastGSN = readSequenceNumber(r, 'HEARTBEAT.lastGSN');
    const writerSet = r.copy8(4, 'HEARTBEAT.writerSet');
    groupInfo = { currentGSN, firstGSN, lastGSN, writerSet, secureWriterSet: r.copy8(4, 'HEARTBEAT.secureWriterSet') };
  }
  return {
    kind: 'HEARTBEAT',
    littleEndian: r.littleEndian,
    finalFlag: (flags & HEARTBEAT_FLAG_FINAL) !== 0,
    livelinessFlag: (flags & HEARTBEAT_FLAG_LIVELINESS) !== 0,
    groupInfoFlag,
    readerId,
    writerId,
    firstSN,
    lastSN,
    count,
    groupInfo,
  };
}

/** Encodes the body (9.4.5.7) in w's byte order and returns the flags for the submessage header. */
export function writeHeartbeatBody(w: ByteWriter, m: Heartbeat): number {
  if (m.groupInfoFlag !== (m.groupInfo !== undefined)) {
    throw new EncodeError('HEARTBEAT.groupInfo', 'must be present exactly when groupInfoFlag is set');
  }
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.firstSN);
  writeSequenceNumber(w, m.lastSN);
  w.i32(m.count);
  if (m.groupInfo !== undefined) {
    const g = m.groupInfo;
    if (g.writerSet.length !== 4 || g.secureWriterSet.length !== 4) {
      throw new EncodeError('HEARTBEAT.groupInfo', 'writerSet and secureWriterSet are 4 octets each');
    }
    writeSequenceNumber(w, g.currentGSN);
    writeSequenceNumber(w, g.firstGSN);
    writeSequenceNumber(w, g.lastGSN);
    w.bytes(g.writerSet).bytes(g.secureWriterSet);
  }
  return (
    (m.littleEndian ? FLAG_ENDIANNESS : 0) |
    (m.finalFlag ? HEARTBEAT_FLAG_FINAL : 0) |
    (m.livelinessFlag ? HEARTBEAT_FLAG_LIVELINESS : 0) |
    (m.groupInfoFlag ? HEARTBEAT_FLAG_GROUP_INFO : 0)
  );
}
