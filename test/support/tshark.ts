import { spawnSync } from 'node:child_process';

/**
 * tshark as an independent judge of RTPS bytes: runs Wireshark's dissector over a pcap and normalises what it
 * reports per submessage, so tests can compare it field by field with our decoder.
 * Field names are those of Wireshark 4.0's packet-rtps.c (`rtps.sm.*`, `rtps.param.*`).
 */

/**
 * A locator as tshark shows it: the kind (as u32), and the port and address text only for the kinds it
 * interprets (port and IPv4/IPv6 address for UDPv4, UDPv6, TCPv6; port for 0x01000000). INFO_REPLY_IP4 locators
 * come without port: Wireshark 4.0 reads LocatorUDPv4.port from the address octets (a dissector bug).
 */
export interface TsharkLocator {
  readonly kind: number;
  readonly port?: number;
  readonly address?: string;
}

/** A SequenceNumberSet / FragmentNumberSet as tshark shows it; bitmap is the raw wire bytes. */
export interface TsharkNumberSet {
  /** The subtree's label: readerSNState, gapList, fragmentNumberState. */
  readonly label: string;
  readonly bitmapBase: bigint;
  readonly numBits: number;
  readonly bitmap: Uint8Array;
}

/** One submessage as dissected by tshark. Fields absent from the dissection are undefined / empty. */
export interface TsharkSubmessage {
  /** 1-based frame number in the pcap. */
  readonly frame: number;
  /** Position of the submessage within its message. */
  readonly index: number;
  readonly id: number;
  readonly flags: number;
  readonly octetsToNextHeader: number;
  readonly readerId?: number;
  readonly writerId?: number;
  /** INFO_DST / INFO_SRC guidPrefix, as 24 lower-case hex digits. */
  readonly guidPrefix?: string;
  /** rtps.sm.seqNumber values directly under the submessage, in wire order (writerSN; first, last; gapStart). */
  readonly seqNumbers: readonly bigint[];
  readonly numberSets: readonly TsharkNumberSet[];
  /** DATA_FRAG: fragmentStartingNum. HEARTBEAT_FRAG: lastFragmentNum. */
  readonly fragmentNumber?: number;
  readonly fragmentsInSubmessage?: number;
  readonly fragmentSize?: number;
  readonly sampleSize?: number;
  /** Count of ACKNACK / HEARTBEAT / HEARTBEAT_FRAG / NACK_FRAG. */
  readonly count?: number;
  /** Every locator in the submessage: INFO_REPLY lists and discovery (PID_*_LOCATOR) parameters, in wire order. */
  readonly locators: readonly TsharkLocator[];
  /**
   * PID_TOPIC_NAME / PID_TYPE_NAME carried in the submessage's own serialized data (not tshark's inferred topic).
   * tshark decodes these strings as ASCII: each non-ASCII octet shows as U+FFFD (see asTsharkShowsText).
   */
  readonly topicName?: string;
  readonly typeName?: string;
  /** PID_PARTICIPANT_GUID / PID_ENDPOINT_GUID of discovery data or of a key-only dispose, 32 lower-case hex digits. */
  readonly participantGuid?: string;
  readonly endpointGuid?: string;
}

/** One RTPS message (one UDP datagram) as dissected by tshark. */
export interface TsharkMessage {
  readonly frame: number;
  /** Header guidPrefix, 24 lower-case hex digits. */
  readonly guidPrefix: string;
  readonly vendorId: number;
  readonly submessages: readonly TsharkSubmessage[];
}

/** An expert-info item tshark attached to a frame (malformed packets included). */
export interface TsharkExpertItem {
  readonly frame: number;
  readonly severity: 'comment' | 'chat' | 'note' | 'warn' | 'error';
  readonly message: string;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function runTshark(args: string[]): string {
  const r = spawnSync('tshark', args, { maxBuffer: 1 << 30, timeout: 120_000, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const asList = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: Json | undefined): number | undefined => (typeof v === 'string' ? Number(v) : undefined);
const hexColon = (v: string): string => v.replace(/:/g, '').toLowerCase();

/** All values of `key` anywhere below `o`, in document order, except under tshark's generated `[...]` items. */
function deep(o: Json | undefined, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(o)) {
    for (const x of o) deep(x, key, out);
  } else if (isObject(o)) {
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('[')) continue;
      if (k === key) out.push(...asList(v));
      else deep(v, key, out);
    }
  }
  return out;
}

function locators(tree: JsonObject): TsharkLocator[] {
  const out: TsharkLocator[] = [];
  const visit = (o: Json | undefined): void => {
    if (Array.isArray(o)) return o.forEach(visit);
    if (!isObject(o)) return;
    if (o['rtps.locator.kind'] !== undefined) {
      const port = int(o['rtps.locator.port']);
      const address = str(o['rtps.locator.ipv4']) ?? str(o['rtps.locator.ipv6']);
      out.push({ kind: Number(str(o['rtps.locator.kind'])), ...(port === undefined ? {} : { port }), ...(address === undefined ? {} : { address }) });
      return;
    }
    const ip4 = str(o['rtps.locator_udp_v4.ip']);
    if (ip4 !== undefined) {
      out.push({ kind: 1, address: ip4 });
      return;
    }
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('[')) visit(v);
  };
  visit(tree);
  return out;
}

function numberSets(tree: JsonObject): TsharkNumberSet[] {
  const out: TsharkNumberSet[] = [];
  for (const [label, v] of Object.entries(tree)) {
    // SequenceNumberSet: rtps.sm.seqNumber + rtps.bitmap.num_bits; FragmentNumberSet: rtps.fragment_number.*.
    if (!isObject(v)) continue;
    const numBits = str(v['rtps.bitmap.num_bits']) ?? str(v['rtps.fragment_number.num_bits']);
    if (numBits === undefined) continue;
    const base = str(v['rtps.sm.seqNumber']) ?? str(v['rtps.fragment_number.base32']) ?? str(v['rtps.fragment_number.base']) ?? '0';
    const bitmapText = str(v['rtps.bitmap']);
    out.push({
      label,
      bitmapBase: BigInt(base),
      numBits: Number(numBits),
      bitmap: bitmapText === undefined || bitmapText === '' ? new Uint8Array(0) : Uint8Array.from(bitmapText.split(':').map((b) => parseInt(b, 16))),
    });
  }
  return out;
}

function submessage(frame: number, index: number, id: number, tree: JsonObject): TsharkSubmessage {
  const firstOf = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = str(asList(tree[k])[0]);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const guid = firstOf('rtps.guidPrefix.dst', 'rtps.guidPrefix.src', 'rtps.guidPrefix');
  const topicName = str(deep(tree, 'rtps.param.topicName')[0]);
  const typeName = str(deep(tree, 'rtps.param.typeName')[0]);
  const participantGuid = str(deep(tree, 'rtps.param.participant_guid')[0]);
  const endpointGuid = str(deep(tree, 'rtps.param.endpoint_guid')[0]);
  // Count_t is a signed long (9.3.2); Wireshark 4.0 shows some counts unsigned.
  const rawCount = int(asList(tree['rtps.heartbeat_count'] ?? tree['rtps.acknack.count'] ?? tree['rtps.heartbeat_frag.count'] ?? tree['rtps.nack_frag.count'])[0]);
  const count = rawCount === undefined ? undefined : rawCount | 0;
  return {
    frame,
    index,
    id,
    flags: Number(firstOf('rtps.sm.flags') ?? NaN),
    octetsToNextHeader: Number(firstOf('rtps.sm.octetsToNextHeader') ?? NaN),
    readerId: int(tree['rtps.sm.rdEntityId']),
    writerId: int(tree['rtps.sm.wrEntityId']),
    guidPrefix: guid === undefined ? undefined : hexColon(guid),
    seqNumbers: asList(tree['rtps.sm.seqNumber']).map((v) => BigInt(str(v) ?? '0')),
    numberSets: numberSets(tree),
    fragmentNumber: int(tree['rtps.data_frag.number'] ?? tree['rtps.heartbeat_frag.number']),
    fragmentsInSubmessage: int(tree['rtps.data_frag.num_fragments']),
    fragmentSize: int(tree['rtps.data_frag.size']),
    sampleSize: int(tree['rtps.data_frag.sample_size']),
    count,
    locators: locators(tree),
    topicName,
    typeName,
    participantGuid: participantGuid === undefined ? undefined : hexColon(participantGuid),
    endpointGuid: endpointGuid === undefined ? undefined : hexColon(endpointGuid),
  };
}

/** Number of frames of `pcapPath` matching a display filter, with optional `-o name:value` preferences. */
export function tsharkCount(pcapPath: string, displayFilter: string, prefs: readonly string[] = []): number {
  const text = runTshark([...prefs.flatMap((p) => ['-o', p]), '-r', pcapPath, '-Y', displayFilter, '-T', 'fields', '-e', 'frame.number']);
  return text.split('\n').filter((l) => l !== '').length;
}

/** tshark's RTPS dissection of every frame of `pcapPath` that it recognises as RTPS. */
export function tsharkRtpsMessages(pcapPath: string): TsharkMessage[] {
  const frames = JSON.parse(runTshark(['-r', pcapPath, '-T', 'json', '--no-duplicate-keys', '-J', 'frame rtps'])) as Json;
  const out: TsharkMessage[] = [];
  for (const f of asList(frames)) {
    if (!isObject(f) || !isObject(f['_source']) || !isObject(f['_source']['layers'])) continue;
    const layers = f['_source']['layers'];
    const frameLayer = layers['frame'];
    const frame = isObject(frameLayer) ? Number(str(frameLayer['frame.number'])) : NaN;
    for (const rtps of asList(layers['rtps'])) {
      if (!isObject(rtps)) continue;
      const ids = asList(rtps['rtps.sm.id']);
      const trees = asList(rtps['rtps.sm.id_tree']);
      out.push({
        frame,
        guidPrefix: hexColon(str(rtps['rtps.guidPrefix.src']) ?? ''),
        vendorId: Number(str(rtps['rtps.vendorId']) ?? NaN),
        submessages: ids.map((id, i) => submessage(frame, i, Number(str(id)), isObject(trees[i]) ? trees[i] : {})),
      });
    }
  }
  return out;
}

/** A string as tshark 4.0 shows a CDR string: its UTF-8 octets read as ASCII, each octet >= 0x80 as U+FFFD. */
export function asTsharkShowsText(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
}

const SEVERITIES: Record<string, TsharkExpertItem['severity']> = {
  '1048576': 'comment',
  '2097152': 'chat',
  '4194304': 'note',
  '6291456': 'warn',
  '8388608': 'error',
};

/** Every expert-info item tshark reports for `pcapPath` (malformed packets appear as severity 'error'). */
export function tsharkExpertItems(pcapPath: string): TsharkExpertItem[] {
  const text = runTshark(['-r', pcapPath, '-Y', '_ws.expert || _ws.malformed', '-T', 'fields', '-E', 'occurrence=a', '-E', 'separator=\t', '-E', 'aggregator=\u0001', '-e', 'frame.number', '-e', '_ws.expert.severity', '-e', '_ws.expert.message', '-e', '_ws.malformed']);
  const out: TsharkExpertItem[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [frameText, severities = '', messages = '', malformed = ''] = line.split('\t');
    const frame = Number(frameText);
    const sev = severities.split('\u0001');
    const msg = messages.split('\u0001');
    sev.forEach((s, i) => {
      if (s !== '') out.push({ frame, severity: SEVERITIES[s] ?? 'error', message: msg[i] ?? '' });
    });
    if (malformed !== '' && !msg.some((m) => m.startsWith('Malformed'))) out.push({ frame, severity: 'error', message: 'Malformed packet' });
  }
  return out;
}

/** Expert items of severity warn or error: what a clean encoder must never provoke. */
export function tsharkProblems(pcapPath: string): TsharkExpertItem[] {
  return tsharkExpertItems(pcapPath).filter((e) => e.severity === 'warn' || e.severity === 'error');
}
