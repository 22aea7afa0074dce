/**
 * SubmessageKind (9.4.5.1.1): the ids of the submessages RTPS 2.5 defines. Anything else, including the
 * DDS-Security SEC_* / SRTPS_* ids, HEADER_EXTENSION and the vendor range 0x80-0xff, is kept as UNKNOWN.
 */
export const SubmessageId = {
  PAD: 0x01,
  ACKNACK: 0x06,
  HEARTBEAT: 0x07,
  GAP: 0x08,
  INFO_TS: 0x09,
  INFO_SRC: 0x0c,
  INFO_REPLY_IP4: 0x0d,
  INFO_DST: 0x0e,
  INFO_REPLY: 0x0f,
  NACK_FRAG: 0x12,
  HEARTBEAT_FRAG: 0x13,
  DATA: 0x15,
  DATA_FRAG: 0x16,
} as const;

/** EndiannessFlag (9.4.5.1.1): bit 0 of every submessage's flags, set for little-endian. */
export const FLAG_ENDIANNESS = 0x01;

/** Size of the SubmessageHeader (9.4.5.1): id, flags, octetsToNextHeader. */
export const SUBMESSAGE_HEADER_SIZE = 4;
