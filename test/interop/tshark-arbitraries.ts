// Messages for Wireshark to judge: helper A's arbitraries (test/wire/arbitraries.ts), narrowed to what
// Wireshark 4.0 can dissect without a legitimate complaint. Each narrowing below names the tshark warning it avoids;
// none of them hides an encoder fault: every one is a value the spec allows but Wireshark 4.0 reads differently.
import fc from 'fast-check';
import type { Data, DataFrag, Header, Parameter, RtpsMessage, Submessage } from '../../rtps/index.js';
import { VendorIds } from '../../rtps/index.js';
import { headerArb, submessageArb } from '../wire/arbitraries.js';

/** CDR_LE / CDR_BE with zero options: other ids or option bits make tshark try RTI compression ("unable to uncompress"). */
function withEncapsulation(body: Uint8Array, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  out[1] = littleEndian ? 1 : 0;
  out.set(body, 4);
  return out;
}

/**
 * Parameter ids tshark does not interpret: it knows the standard PIDs below 0x0080 (and warns when a value has
 * the wrong size for them), reads 0x3f01-0x3fff / 0x7f01-0x7fff as PID_EXTENDED-style ids, and interprets
 * some vendor-specific ones. Ids are moved into 0x0080-0x3eff, keeping the must-understand bit.
 */
function neutralPid(pid: number): number {
  return (pid & 0x4000) | (0x0080 + ((pid & 0x3fff) % (0x3f00 - 0x0080)));
}

const neutralParameters = (ps: readonly Parameter[] | undefined): Parameter[] | undefined => ps?.map((p) => ({ pid: neutralPid(p.pid), value: p.value }));

function data(d: Data): Data {
  return {
    ...d,
    // Wireshark 4.0 predates RTPS 2.5's N flag and parses the payload's encapsulation regardless.
    nonStandardPayloadFlag: false,
    inlineQos: neutralParameters(d.inlineQos),
    // SerializedPayloadHeader (10.2): tshark requires it whenever D or K is set ("should be >= 24").
    serializedPayload: d.serializedPayload === undefined ? undefined : withEncapsulation(d.serializedPayload, d.writerSN % 2n === 0n),
  };
}

/**
 * DATA_FRAG whose fragments are consistent: the payload holds exactly fragmentsInSubmessage fragments of
 * fragmentSize (the last fragment of the sample may be shorter). A's arbitrary leaves the payload independent
 * of those counts (our decoder accepts that); tshark reads that many fragments and hits the end ("Malformed").
 */
function dataFrag(d: DataFrag): DataFrag {
  const sampleSize = 8 + (d.sampleSize % 3000);
  const fragmentSize = 4 + (d.fragmentSize % Math.min(sampleSize - 3, 1000));
  const total = Math.ceil(sampleSize / fragmentSize);
  let fragmentStartingNum = 1 + ((d.fragmentStartingNum - 1) % total);
  let fragmentsInSubmessage = 1 + (d.fragmentsInSubmessage % Math.min(3, total - fragmentStartingNum + 1));
  // tshark wants at least 4 payload octets ("should be >= 40"), which a short last fragment alone may not have.
  if (fragmentStartingNum === total && sampleSize - (total - 1) * fragmentSize < 4) {
    fragmentStartingNum = 1;
    fragmentsInSubmessage = Math.min(3, total);
  }
  const from = (fragmentStartingNum - 1) * fragmentSize;
  const to = Math.min(sampleSize, (fragmentStartingNum - 1 + fragmentsInSubmessage) * fragmentSize);
  const payload = Uint8Array.from({ length: to - from }, (_, i) => d.serializedPayload[i % Math.max(1, d.serializedPayload.length)] ?? i);
  // The first fragment starts with the encapsulation header, which tshark parses.
  if (fragmentStartingNum === 1) payload.set([0, 1, 0, 0]);
  return { ...d, nonStandardPayloadFlag: false, inlineQos: neutralParameters(d.inlineQos), sampleSize, fragmentSize, fragmentStartingNum, fragmentsInSubmessage, serializedPayload: payload };
}

/** The narrowing of one submessage (see the module comment). */
export function tsharkFriendly(sm: Submessage): Submessage {
  switch (sm.kind) {
    case 'DATA':
      return data(sm);
    case 'DATA_FRAG':
      return dataFrag(sm);
    case 'PAD':
      // tshark expects octetsToNextHeader 0 for PAD ("Should be ZERO"); the spec allows padding octets.
      return { ...sm, padding: new Uint8Array(0) };
    case 'UNKNOWN':
      // tshark interprets ids RTPS 2.5 leaves undefined (0x17-0x1e, SEC_*/SRTPS_* 0x30/0x31/0x33) and RTI's
      // vendor-specific 0x81/0x82 regardless of vendorId: keep to the rest of the vendor-specific range.
      return { ...sm, id: 0x83 + (sm.id % (0x100 - 0x83)) };
    case 'INFO_REPLY_IP4': {
      // LOCATOR_UDPv4 with address 0 or port 0 draws IPADDRESS_INVALID / PORT_INVALID warnings.
      const valid = (l: { address: number; port: number }): { address: number; port: number } => ({ address: l.address || 1, port: l.port || 1 });
      return { ...sm, unicastLocator: valid(sm.unicastLocator), multicastLocator: sm.multicastLocator === undefined ? undefined : valid(sm.multicastLocator) };
    }
    default:
      return sm;
  }
}

/**
 * Header narrowing: tshark dissects major version 1 with the RTPS 1.x layout (a 16-octet header), and
 * interprets vendor-specific parts by vendor, so keep to 2.x and to vendors without such quirks in 4.0.
 */
export function tsharkFriendlyHeader(h: Header): Header {
  const vendors = [VendorIds.ECLIPSE_CYCLONEDDS, VendorIds.RTPS_POD, VendorIds.UNKNOWN];
  return { ...h, protocolVersion: { major: 2, minor: h.protocolVersion.minor }, vendorId: vendors[h.vendorId % vendors.length]! };
}

export const tsharkFriendlyMessageArb: fc.Arbitrary<RtpsMessage> = fc.record({
  header: headerArb.map(tsharkFriendlyHeader),
  submessages: fc.array(submessageArb.map(tsharkFriendly), { maxLength: 8 }),
});
