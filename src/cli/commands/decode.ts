import { readFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { guidPrefixToString, vendorIdToString } from '../../../rtps/index.js';
import { decodeCapture, type CapturedMessage, type CaptureSummary } from '../../capture/decode-capture.js';
import { describeSubmessage } from '../../report/describe-submessage.js';
import { toJson } from '../../report/json.js';
import { UsageError } from '../usage-error.js';

interface DecodeArgs {
  capture: string;
  json: boolean;
  limit?: number;
  summary: boolean;
  payloads: boolean;
}

function describeMessage(m: CapturedMessage, t0: bigint): string[] {
  const t = (Number(m.timeNs - t0) / 1e9).toFixed(6);
  const head = `#${m.frame} ${t}s ${m.src} -> ${m.dst}`;
  if (m.message === undefined) return [`${head} INVALID ${m.error?.message ?? ''}`];
  const h = m.message.header;
  const lines = [`${head} RTPS ${h.protocolVersion.major}.${h.protocolVersion.minor} vendor ${vendorIdToString(h.vendorId)} ${guidPrefixToString(h.guidPrefix)}`];
  for (const s of m.message.submessages) lines.push(`    ${describeSubmessage(s)}`);
  if (m.message.invalidTail !== undefined) lines.push(`    (rest of message dropped, 8.3.4.1: ${m.message.invalidTail.message})`);
  return lines;
}

function summaryLine(s: CaptureSummary): string {
  const kinds = Object.entries(s.submessages)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${s.rtpsMessages} RTPS messages in ${s.udpDatagrams} UDP datagrams (${s.frames} frames, ${s.notRtps} not RTPS, ${s.malformed} malformed); submessages: ${kinds || 'none'}`;
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode <capture>',
  describe: 'Decode every RTPS message in a pcap capture and print its submessages',
  builder: (y) =>
    y
      .positional('capture', { type: 'string', demandOption: true, describe: 'classic pcap file (tshark -F pcap, tcpdump -w)' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON document (messages + summary) for scripts' })
      .option('limit', { type: 'number', describe: 'print at most this many messages (the summary still counts all)' })
      .option('summary', { type: 'boolean', default: false, describe: 'print only the summary line' })
      .option('payloads', { type: 'boolean', default: false, describe: 'with --json, include payloads over 64 bytes in full (hex)' })
      .example('$0 decode test/fixtures/cyclone-pingpong.pcap --limit 5', 'the first five messages of a Cyclone DDS capture')
      .example('$0 decode capture.pcap --json | jq .summary', 'counts for a script'),
  handler: async (args) => {
    if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 0)) {
      throw new UsageError(`--limit must be a whole number, got ${args.limit}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(args.capture);
    } catch (e) {
      throw new UsageError(`cannot read ${args.capture}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const decoded = decodeCapture(bytes);
    if (!decoded.ok) throw new UsageError(`${args.capture} is not a classic pcap file: ${decoded.error.message}`);
    const { messages, summary } = decoded.value;
    const shown = args.summary ? [] : messages.slice(0, args.limit ?? messages.length);
    if (args.json) {
      process.stdout.write(toJson({ messages: shown, summary }, { maxBytes: args.payloads ? Infinity : 64 }) + '\n');
      return;
    }
    const t0 = messages[0]?.timeNs ?? 0n;
    for (const m of shown) process.stdout.write(describeMessage(m, t0).join('\n') + '\n');
    process.stdout.write(summaryLine(summary) + '\n');
  },
};
