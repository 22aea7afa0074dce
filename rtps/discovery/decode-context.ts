import type { GuidPrefix } from '../types/guid.js';
import type { ProtocolVersion, VendorId } from '../types/version.js';

/**
 * What the enclosing message says about the sender (its header, 8.3.3.1, and the DATA's inline QoS), used
 * when a discovery list leaves out a parameter that these make redundant: SPDP's guidPrefix, protocol
 * version and vendor id equal the header's (8.5.3.2), and a built-in topic's key hash is its GUID (9.6.3.3).
 */
export interface DiscoveryDecodeContext {
  readonly guidPrefix?: GuidPrefix;
  readonly protocolVersion?: ProtocolVersion;
  readonly vendorId?: VendorId;
  /** PID_KEY_HASH from the DATA's inline QoS: for built-in topics, the 16 octets of the GUID. */
  readonly keyHash?: Uint8Array;
}
