import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { readLocatorList, writeLocatorList, type Locator } from '../../types/locator.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** INFO_REPLY (8.3.7.8, 9.4.5.10). */
export interface InfoReply {
  readonly kind: 'INFO_REPLY';
  readonly littleEndian: boolean;
  /** M: multicastLocatorList is present. */
  readonly multicastFlag: boolean;
  readonly unicastLocatorList: readonly Locator[];
  /** Present exactly when multicastFlag is set. */
  readonly multicastLocatorList?: readonly Locator[];
}

/** Flag bits of this submessage besides E (9.4.5.10). */
export const INFO_REPLY_FLAG_MULTICAST = 0x02;

/** Decodes the body (9.4.5.10) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readInfoReplyBody(r: ByteReader, flags: number): InfoReply {
  const multicastFlag = (flags & INFO_REPLY_FLAG_MULTICAST) !== 0;
  const unicastLocatorList = readLocatorList(r, 'INFO_REPLY.unicastLocatorList');
  return {
    kind: 'INFO_REPLY',
    littleEndian: r.littleEndian,
    multicastFlag,
    unicastLocatorList,
    multicastLocatorList: multicastFlag ? readLocatorList(r, 'INFO_REPLY.multicastLocatorList') : undefined,
  };
}

/** Encodes the body (9.4.5.10) in w's byte order and returns the flags for the submessage header. */
export function writeInfoReplyBody(w: ByteWriter, m: InfoReply): number {
  if (m.multicastFlag !== (m.multicastLocatorList !== undefined)) {
    throw new EncodeError('INFO_REPLY.multicastLocatorList', 'must be present exactly when multicastFlag is set');
  }
  writeLocatorList(w, m.unicastLocatorList);
  if (m.multicastLocatorList !== undefined) writeLocatorList(w, m.multicastLocatorList);
  return (m.littleEndian ? FLAG_ENDIANNESS : 0) | (m.multicastFlag ? INFO_REPLY_FLAG_MULTICAST : 0);
}
