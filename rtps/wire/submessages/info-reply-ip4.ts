import type { ByteReader } from '../../codec/byte-reader.js';
import type { ByteWriter } from '../../codec/byte-writer.js';
import { EncodeError } from '../../codec/decode-error.js';
import { LocatorKind, type Locator } from '../../types/locator.js';
import { FLAG_ENDIANNESS } from '../submessage-id.js';

/** LocatorUDPv4_t (9.4.2.9): a UDPv4 locator packed into two unsigned longs. */
export interface LocatorUDPv4 {
  /** The IPv4 address as an unsigned 32-bit number, first octet most significant. */
  readonly address: number;
  readonly port: number;
}

/** INFO_REPLY_IP4 (8.3.7.8, 9.4.5.14). */
export interface InfoReplyIp4 {
  readonly kind: 'INFO_REPLY_IP4';
  readonly littleEndian: boolean;
  /** M: multicastLocator is present. */
  readonly multicastFlag: boolean;
  readonly unicastLocator: LocatorUDPv4;
  /** Present exactly when multicastFlag is set. */
  readonly multicastLocator?: LocatorUDPv4;
}

/** Flag bits of this submessage besides E (9.4.5.14). */
export const INFO_REPLY_IP4_FLAG_MULTICAST = 0x02;

function readLocatorUDPv4(r: ByteReader, addressField: string, portField: string): LocatorUDPv4 {
  const address = r.u32(addressField);
  return { address, port: r.u32(portField) };
}

/** Decodes the body (9.4.5.14) at r.pos in r's byte order; throws DecodeError if it is invalid. */
export function readInfoReplyIp4Body(r: ByteReader, flags: number): InfoReplyIp4 {
  const multicastFlag = (flags & INFO_REPLY_IP4_FLAG_MULTICAST) !== 0;
  const unicastLocator = readLocatorUDPv4(r, 'INFO_REPLY_IP4.unicastLocator.address', 'INFO_REPLY_IP4.unicastLocator.port');
  return {
    kind: 'INFO_REPLY_IP4',
    littleEndian: r.littleEndian,
    multicastFlag,
    unicastLocator,
    multicastLocator: multicastFlag
      ? readLocatorUDPv4(r, 'INFO_REPLY_IP4.multicastLocator.address', 'INFO_REPLY_IP4.multicastLocator.port')
      : undefined,
  };
}

/** Encodes the body (9.4.5.14) in w's byte order and returns the flags for the submessage header. */
export function writeInfoReplyIp4Body(w: ByteWriter, m: InfoReplyIp4): number {
  if (m.multicastFlag !== (m.multicastLocator !== undefined)) {
    throw new EncodeError('INFO_REPLY_IP4.multicastLocator', 'must be present exactly when multicastFlag is set');
  }
  w.u32(m.unicastLocator.address >>> 0).u32(m.unicastLocator.port >>> 0);
  if (m.multicastLocator !== undefined) w.u32(m.multicastLocator.address >>> 0).u32(m.multicastLocator.port >>> 0);
  return (m.littleEndian ? FLAG_ENDIANNESS : 0) | (m.multicastFlag ? INFO_REPLY_IP4_FLAG_MULTICAST : 0);
}

/** The full Locator_t a LocatorUDPv4_t stands for (9.4.2.9: address in the last four octets). */
export function locatorFromUDPv4(l: LocatorUDPv4): Locator {
  const address = new Uint8Array(16);
  address[12] = (l.address >>> 24) & 0xff;
  address[13] = (l.address >>> 16) & 0xff;
  address[14] = (l.address >>> 8) & 0xff;
  address[15] = l.address & 0xff;
  return { kind: LocatorKind.UDPv4, port: l.port, address };
}
