/** ProtocolVersion_t (9.3.2). */
export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

export const PROTOCOLVERSION_2_5: ProtocolVersion = { major: 2, minor: 5 };

/**
 * VendorId_t (9.3.2) as one 16-bit number, first octet high. Vendor-specific submessages and parameter ids
 * mean whatever the sender's vendor says they mean, so decoders need this to pass them through.
 */
export type VendorId = number;

export const VendorIds = {
  UNKNOWN: 0x0000,
  RTI_CONNEXT: 0x0101,
  ADLINK_OPENSPLICE: 0x0102,
  OCI_OPENDDS: 0x0103,
  EPROSIMA_FASTDDS: 0x010f,
  ECLIPSE_CYCLONEDDS: 0x0110,
  /**
   * rtps-pod's own. Not assigned by the OMG: chosen from the unassigned range so no peer mistakes our
   * vendor-specific parameters (we send none) for its own.
   */
  RTPS_POD: 0x01fe,
} as const;

export function vendorIdToString(v: VendorId): string {
  return `${(v >> 8) & 0xff}.${v & 0xff}`;
}
