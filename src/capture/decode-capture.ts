import { attempt, type DecodeError } from '../../rtps/index.js';
import { decodeMessage, type DecodedMessage } from '../../rtps/wire/message.js';
import { readPcap, udpFrames } from '../../netem/pcap/index.js';

/** One UDP datagram of a capture that carried an RTPS message. */
export interface CapturedMessage {
  readonly frame: number;
  readonly timeNs: bigint;
  readonly src: string;
  readonly dst: string;
  readonly message?: DecodedMessage;
  /** Why the datagram, though it starts with 'RTPS', is not a message (its header is invalid). */
  readonly error?: DecodeError;
}

export interface CaptureSummary {
  readonly frames: number;
  readonly udpDatagrams: number;
  readonly rtpsMessages: number;
  /** Datagrams that did not start with the 'RTPS' magic: other protocols, not errors. */
  readonly notRtps: number;
  /** Messages whose header was invalid, plus messages cut short by an invalid submessage (8.3.4.1). */
  readonly malformed: number;
  readonly submessages: Readonly<Record<string, number>>;
}

export interface DecodedCapture {
  readonly messages: readonly CapturedMessage[];
  readonly summary: CaptureSummary;
}

const MAGIC = [0x52, 0x54, 0x50, 0x53];

function startsWithRtps(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === MAGIC[0] && b[1] === MAGIC[1] && b[2] === MAGIC[2] && b[3] === MAGIC[3];
}

/** Decodes every RTPS message of a classic pcap. A file that is not a pcap is a DecodeError (returned, not thrown). */
export function decodeCapture(bytes: Uint8Array): { ok: true; value: DecodedCapture } | { ok: false; error: DecodeError } {
  const file = attempt(() => readPcap(bytes));
  if (!file.ok) return file;
  const frames = attempt(() => udpFrames(file.value));
  if (!frames.ok) return frames;
  const messages: CapturedMessage[] = [];
  const submessages: Record<string, number> = {};
  let udp = 0;
  let notRtps = 0;
  let malformed = 0;
  for (const f of frames.value) {
    if ('skipped' in f) continue;
    udp++;
    if (!startsWithRtps(f.payload)) {
      notRtps++;
      continue;
    }
    const base = { frame: f.frame, timeNs: f.timeNs, src: `${f.srcIp}:${f.srcPort}`, dst: `${f.dstIp}:${f.dstPort}` };
    const decoded = decodeMessage(f.payload);
    if (!decoded.ok) {
      malformed++;
      messages.push({ ...base, error: decoded.error });
      continue;
    }
    if (decoded.value.invalidTail !== undefined) malformed++;
    for (const s of decoded.value.submessages) submessages[s.kind] = (submessages[s.kind] ?? 0) + 1;
    messages.push({ ...base, message: decoded.value });
  }
  return {
    ok: true,
    value: {
      messages,
      summary: { frames: file.value.records.length, udpDatagrams: udp, rtpsMessages: messages.length, notRtps, malformed, submessages },
    },
  };
}
