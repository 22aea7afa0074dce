import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readEntityId, writeEntityId, type EntityId } from '../../types/guid.js';
import { readSequenceNumberSet, writeSequenceNumberSet, type SequenceNumberSet } from '../../types/number-set.js';
import { readSequenceNumber, writeSequenceNumber, type SequenceNumber } from '../../types/sequence-number.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** The group sequence numbers a GAP carries when its GroupInfoFlag is set (8.3.7.4, 9.4.5.5). */
export interface GapGroupInfo {
  readonly gapStartGSN: SequenceNumber;
  readonly gapEndGSN: SequenceNumber;
}

/** GAP (8.3.7.4, 9.4.5.5). */
export interface Gap {
  readonly kind: 'GAP';
  readonly littleEndian: boolean;
  /** G: groupInfo is present. */
  readonly groupInfoFlag: boolean;
  /** F: filteredCount is present. */
  readonly filteredCountFlag: boolean;
  readonly readerId: EntityId;
  readonly writerId: EntityId;
  readonly gapStart: SequenceNumber;
  readonly gapList: SequenceNumberSet;
  /** Present exactly when groupInfoFlag is set. */
  readonly groupInfo?: GapGroupInfo;
  /** ChangeCount_t {long high, unsigned long low}: samples filtered out; present exactly when filteredCountFlag is set. */
  readonly filteredCount?: bigint;
}

/** Flag bits of this submessage besides E (9.4.5.5). */
export const GAP_FLAG_GROUP_INFO = 0x02;
export const GAP_FLAG_FILTERED_COUNT = 0x04;

/** Decodes the body (9.4.5.5) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readGapBody(r: ByteReader, flags: number): Gap {
  const readerId = readEntityId(r, 'GAP.readerId');
  const writerId = readEntityId(r, 'GAP.writerId');
  const gapStart = readSequenceNumber(r, 'GAP.gapStart');
  // 8.3.7.4.3: gapStart must be strictly positive (gapList validity is checked by its reader).
  if (gapStart < 1n) r.fail('GAP.gapStart', `${gapStart} is not strictly positive`, r.pos - 8);
  const gapList = readSequenceNumberSet(r, 'GAP.gapList');
  const groupInfoFlag = (flags & GAP_FLAG_GROUP_INFO) !== 0;
  const filteredCountFlag = (flags & GAP_FLAG_FILTERED_COUNT) !== 0;
  let groupInfo: GapGroupInfo | undefined;
  if (groupInfoFlag) {
    const gapStartGSN = readSequenceNumber(r, 'GAP.gapStartGSN');
    groupInfo = { gapStartGSN, gapEndGSN: readSequenceNumber(r, 'GAP.gapEndGSN') };
  }
  const filteredCount = filteredCountFlag ? readSequenceNumber(r, 'GAP.filteredCount') : undefined;
  return {
    kind: 'GAP',
    littleEndian: r.littleEndian,
    groupInfoFlag,
    filteredCountFlag,
    readerId,
    writerId,
    gapStart,
    gapList,
    groupInfo,
    filteredCount,
  };
}

/** Encodes the body (9.4.5.5) in w's byte order and returns the flags for the submessage header. */
export function writeGapBody(w: ByteWriter, m: Gap): number {
  if (m.groupInfoFlag !== (m.groupInfo !== undefined)) {
    throw new EncodeError('GAP.groupInfo', 'must be present exactly when groupInfoFlag is set');
  }
  if (m.filteredCountFlag !== (m.filteredCount !== undefined)) {
    throw new EncodeError('GAP.filteredCount', 'must be present exactly when filteredCountFlag is set');
  }
  writeEntityId(w, m.readerId);
  writeEntityId(w, m.writerId);
  writeSequenceNumber(w, m.gapStart);
  writeSequenceNumberSet(w, m.gapList);
  if (m.groupInfo !== undefined) {
    writeSequenceNumber(w, m.groupInfo.gapStartGSN);
    writeSequenceNumber(w, m.groupInfo.gapEndGSN);
  }
  if (m.filteredCount !== undefined) writeSequenceNumber(w, m.filteredCount);
  return (
    (m.littleEndian ? FLAG_ENDIANNESS : 0) |
    (m.groupInfoFlag ? GAP_FLAG_GROUP_INFO : 0) |
    (m.filteredCountFlag ? GAP_FLAG_FILTERED_COUNT : 0)
  );
}
