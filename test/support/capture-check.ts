import { readFileSync } from 'node:fs';
import { attempt } from '../../rtps/codec/decode-error.js';
import { decodeMessage, encodeMessage, type DecodedMessage } from '../../rtps/wire/message.js';
import { readPcap, udpDatagrams } from '../../netem/pcap/index.js';
import { tsharkProblems, tsharkRtpsMessages, type TsharkExpertItem } from './tshark.js';
import { comparable, differences, guidPrefixToHex } from './rtps-records.js';

/** One RTPS datagram of a capture, as our decoder reads it. */
export interface CapturedMessage {
  readonly frame: number;
  readonly bytes: Uint8Array;
  readonly decoded: DecodedMessage;
}

/** A capture judged by our decoder and by tshark (see checkCapture). */
export interface CaptureReport {
  readonly messages: readonly CapturedMessage[];
  /** Datagrams starting with 'RTPS' that decodeMessage rejected outright (bad header). */
  readonly undecodable: readonly string[];
  /** Submessages per kind, over all messages. */
  readonly kinds: Readonly<Record<string, number>>;
  /** Frames whose message re-encodes to different bytes. */
  readonly nonCanonical: readonly number[];
  /** Frames our decoder read as RTPS that tshark did not, and vice versa. */
  readonly frameMismatches: readonly string[];
  /** Every field on which we and tshark disagree, "frame N #i KIND field: ours ≠ tshark's". */
  readonly mismatches: readonly string[];
  /** How many submessages each field was compared on (so an empty side cannot pass silently). */
  readonly covered: Readonly<Record<string, number>>;
  readonly tsharkProblems: readonly TsharkExpertItem[];
}

/**
 * Decodes every RTPS datagram of a pcap with our decoder, re-encodes it, and compares it field by field
 * with tshark's dissection of the same file.
 */
export function checkCapture(pcapPath: string): CaptureReport {
  const messages: CapturedMessage[] = [];
  const undecodable: string[] = [];
  for (const d of udpDatagrams(readPcap(readFileSync(pcapPath)))) {
    // Cyclone also sends 1-byte datagrams to itself to wake its receive threads: not RTPS.
    if (d.payload.length < 4 || String.fromCharCode(...d.payload.subarray(0, 4)) !== 'RTPS') continue;
    const r = decodeMessage(d.payload);
    if (r.ok) messages.push({ frame: d.frame, bytes: d.payload, decoded: r.value });
    else undecodable.push(`frame ${d.frame}: ${r.error.message}`);
  }
  const kinds: Record<string, number> = {};
  for (const m of messages) for (const s of m.decoded.submessages) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  const nonCanonical = messages
    .filter((m) => {
      const again = encodeMessage(m.decoded);
      return again.length !== m.bytes.length || again.some((b, i) => b !== m.bytes[i]);
    })
    .map((m) => m.frame);

  const dissected = new Map(tsharkRtpsMessages(pcapPath).map((t) => [t.frame, t]));
  const ours = new Set(messages.map((m) => m.frame));
  const frameMismatches = [
    ...messages.filter((m) => !dissected.has(m.frame)).map((m) => `frame ${m.frame}: tshark did not dissect it as RTPS`),
    ...[...dissected.keys()].filter((f) => !ours.has(f)).map((f) => `frame ${f}: tshark dissected RTPS we did not decode`),
  ];
  const mismatches: string[] = [];
  const covered: Record<string, number> = {};
  for (const m of messages) {
    const t = dissected.get(m.frame);
    if (t === undefined) continue;
    if (guidPrefixToHex(m.decoded.header.guidPrefix) !== t.guidPrefix) mismatches.push(`frame ${m.frame} header.guidPrefix`);
    if (m.decoded.header.vendorId !== t.vendorId) mismatches.push(`frame ${m.frame} header.vendorId`);
    if (m.decoded.submessages.length !== t.submessages.length) {
      mismatches.push(`frame ${m.frame}: ${m.decoded.submessages.length} submessages, tshark ${t.submessages.length}`);
    }
    m.decoded.submessages.forEach((sm, i) => {
      const theirs = t.submessages[i];
      if (theirs === undefined) return;
      const { frame: _f, index: _i, octetsToNextHeader: _o, ...rest } = theirs;
      for (const [k, v] of Object.entries(rest)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) covered[k] = (covered[k] ?? 0) + 1;
      // comparable() runs helper C's typed discovery decoders on SPDP/SEDP DATA: a rejection is a finding too.
      const record = attempt(() => comparable(m.decoded.header, sm));
      if (!record.ok) {
        mismatches.push(`frame ${m.frame} #${i} ${sm.kind}: our decoder rejects it: ${record.error.message}`);
        return;
      }
      for (const d of differences(record.value, rest)) mismatches.push(`frame ${m.frame} #${i} ${sm.kind} ${d}`);
    });
  }
  return { messages, undecodable, kinds, nonCanonical, frameMismatches, mismatches, covered, tsharkProblems: tsharkProblems(pcapPath) };
}
