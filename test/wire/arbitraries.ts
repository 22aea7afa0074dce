// fast-check arbitraries for every RTPS 2.5 submessage and for whole messages. Every value they produce is
// valid (8.3.7.x validity rules hold, flags agree with optional fields), so it round-trips through
// encodeMessage/decodeMessage and can be fed to other decoders (tshark) as a well-formed message.
import fc from 'fast-check';
import type {
  AckNack,
  Data,
  DataFrag,
  FragmentNumberSet,
  Gap,
  Header,
  Heartbeat,
  HeartbeatFrag,
  InfoDestination,
  InfoReply,
  InfoReplyIp4,
  InfoSource,
  InfoTimestamp,
  Locator,
  LocatorUDPv4,
  NackFrag,
  Pad,
  Parameter,
  RtpsMessage,
  SequenceNumberSet,
  Submessage,
  Time,
  UnknownSubmessage,
} from '../../rtps/index.js';
import { PID_SENTINEL, SubmessageId, fragmentNumberSet, sequenceNumberSet } from '../../rtps/index.js';

const SN_MAX = (1n << 63n) - 1n;

export const entityIdArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0xffffffff });
export const guidPrefixArb: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 12, maxLength: 12 });
/** Strictly positive sequence numbers, biased towards small ones as real traffic is. */
export const positiveSnArb: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 1n, max: SN_MAX }),
);
/** Any SequenceNumber_t, including negative ones (group sequence numbers are not constrained). */
export const anySnArb: fc.Arbitrary<bigint> = fc.bigInt({ min: -(1n << 63n), max: SN_MAX });
/** Count_t: a signed long. */
export const countArb: fc.Arbitrary<number> = fc.integer({ min: -0x80000000, max: 0x7fffffff });
export const u32Arb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0xffffffff });
export const timeArb: fc.Arbitrary<Time> = fc.record({ seconds: u32Arb, fraction: u32Arb });

export const sequenceNumberSetArb: fc.Arbitrary<SequenceNumberSet> = fc
  .record({ base: positiveSnArb, numBits: fc.integer({ min: 0, max: 256 }) })
  .chain(({ base, numBits }) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: Math.max(0, numBits - 1) }), { maxLength: numBits })
      .map((offs) => sequenceNumberSet(base, numBits === 0 ? [] : offs.map((o) => base + BigInt(o)), numBits)),
  );

export const fragmentNumberSetArb: fc.Arbitrary<FragmentNumberSet> = fc
  .record({ base: fc.integer({ min: 1, max: 0xffffffff }), numBits: fc.integer({ min: 0, max: 256 }) })
  .chain(({ base, numBits }) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: Math.max(0, numBits - 1) }), { maxLength: numBits })
      .map((offs) => fragmentNumberSet(base, numBits === 0 ? [] : offs.map((o) => base + o), numBits)),
  );

/** Raw parameters whose values are already padded to 4 octets (so they re-encode unchanged); never PID_SENTINEL. */
export const parameterArb: fc.Arbitrary<Parameter> = fc.record({
  pid: fc.integer({ min: 0, max: 0xffff }).filter((p) => p !== PID_SENTINEL),
  value: fc.integer({ min: 0, max: 8 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
});
export const parameterListArb: fc.Arbitrary<Parameter[]> = fc.array(parameterArb, { maxLength: 4 });

/** Opaque serialized payloads: an encapsulation header and some bytes (any length; this layer does not pad). */
export const payloadArb: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 0, maxLength: 48 });

export const locatorArb: fc.Arbitrary<Locator> = fc.record({
  kind: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  port: u32Arb,
  address: fc.uint8Array({ minLength: 16, maxLength: 16 }),
});
export const locatorUDPv4Arb: fc.Arbitrary<LocatorUDPv4> = fc.record({ address: u32Arb, port: u32Arb });

export const ackNackArb: fc.Arbitrary<AckNack> = fc.record({
  kind: fc.constant('ACKNACK' as const),
  littleEndian: fc.boolean(),
  finalFlag: fc.boolean(),
  readerId: entityIdArb,
  writerId: entityIdArb,
  readerSNState: sequenceNumberSetArb,
  count: countArb,
});

/**
 * What DATA and DATA_FRAG carry opaquely. The defaults cover the codec; a consumer that dissects contents
 * (tshark parses inline QoS and payloads) can narrow them, e.g. to vendor-specific pids and a CDR header.
 */
export interface OpaqueContentArbs {
  readonly parameters?: fc.Arbitrary<Parameter[]>;
  readonly payload?: fc.Arbitrary<Uint8Array>;
}

export function dataArbWith(opts: OpaqueContentArbs = {}): fc.Arbitrary<Data> {
  return fc
    .record({
      littleEndian: fc.boolean(),
      content: fc.constantFrom('none', 'data', 'key'),
      nonStandardPayloadFlag: fc.boolean(),
      extraFlags: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })),
      readerId: entityIdArb,
      writerId: entityIdArb,
      writerSN: positiveSnArb,
      inlineQos: fc.option(opts.parameters ?? parameterListArb, { nil: undefined }),
      payload: opts.payload ?? payloadArb,
    })
    .map(
      (d): Data => ({
        kind: 'DATA',
        littleEndian: d.littleEndian,
        inlineQosFlag: d.inlineQos !== undefined,
        dataFlag: d.content === 'data',
        keyFlag: d.content === 'key',
        nonStandardPayloadFlag: d.nonStandardPayloadFlag,
        extraFlags: d.extraFlags,
        readerId: d.readerId,
        writerId: d.writerId,
        writerSN: d.writerSN,
        inlineQos: d.inlineQos,
        serializedPayload: d.content === 'none' ? undefined : d.payload,
      }),
    );
}
export const dataArb: fc.Arbitrary<Data> = dataArbWith();

export function dataFragArbWith(opts: OpaqueContentArbs = {}): fc.Arbitrary<DataFrag> {
  return fc
    .record({
      littleEndian: fc.boolean(),
      keyFlag: fc.boolean(),
      nonStandardPayloadFlag: fc.boolean(),
      extraFlags: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })),
      readerId: entityIdArb,
      writerId: entityIdArb,
      writerSN: positiveSnArb,
      sampleSize: fc.integer({ min: 1, max: 0xffffffff }),
      fragmentsInSubmessage: fc.integer({ min: 0, max: 0xffff }),
      inlineQos: fc.option(opts.parameters ?? parameterListArb, { nil: undefined }),
      serializedPayload: opts.payload ?? payloadArb,
    })
    .chain((d) =>
      fc.integer({ min: 1, max: Math.min(d.sampleSize, 0xffff) }).chain((fragmentSize) =>
        fc.integer({ min: 1, max: Math.ceil(d.sampleSize / fragmentSize) }).map(
          (fragmentStartingNum): DataFrag => ({
            kind: 'DATA_FRAG',
            littleEndian: d.littleEndian,
            inlineQosFlag: d.inlineQos !== undefined,
            keyFlag: d.keyFlag,
            nonStandardPayloadFlag: d.nonStandardPayloadFlag,
            extraFlags: d.extraFlags,
            readerId: d.readerId,
            writerId: d.writerId,
            writerSN: d.writerSN,
            fragmentStartingNum,
            fragmentsInSubmessage: d.fragmentsInSubmessage,
            fragmentSize,
            sampleSize: d.sampleSize,
            inlineQos: d.inlineQos,
            serializedPayload: d.serializedPayload,
          }),
        ),
      ),
    );
}
export const dataFragArb: fc.Arbitrary<DataFrag> = dataFragArbWith();

export const gapArb: fc.Arbitrary<Gap> = fc
  .record({
    littleEndian: fc.boolean(),
    readerId: entityIdArb,
    writerId: entityIdArb,
    gapStart: positiveSnArb,
    gapList: sequenceNumberSetArb,
    groupInfo: fc.option(fc.record({ gapStartGSN: anySnArb, gapEndGSN: anySnArb }), { nil: undefined }),
    filteredCount: fc.option(anySnArb, { nil: undefined }),
  })
  .map((g): Gap => ({
    kind: 'GAP',
    ...g,
    groupInfoFlag: g.groupInfo !== undefined,
    filteredCountFlag: g.filteredCount !== undefined,
  }));

export const heartbeatArb: fc.Arbitrary<Heartbeat> = fc
  .record({
    littleEndian: fc.boolean(),
    finalFlag: fc.boolean(),
    livelinessFlag: fc.boolean(),
    readerId: entityIdArb,
    writerId: entityIdArb,
    firstSN: positiveSnArb,
    extra: fc.oneof(fc.constant(-1n), fc.bigInt({ min: 0n, max: 300n }), fc.bigInt({ min: 0n, max: SN_MAX })),
    count: countArb,
    groupInfo: fc.option(
      fc.record({
        currentGSN: anySnArb,
        firstGSN: anySnArb,
        lastGSN: anySnArb,
        writerSet: fc.uint8Array({ minLength: 4, maxLength: 4 }),
        secureWriterSet: fc.uint8Array({ minLength: 4, maxLength: 4 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ extra, ...h }): Heartbeat => {
    // lastSN in firstSN-1 .. SN_MAX: an empty range or some changes.
    const lastSN = h.firstSN + extra > SN_MAX ? SN_MAX : h.firstSN + extra;
    return { kind: 'HEARTBEAT', ...h, lastSN, groupInfoFlag: h.groupInfo !== undefined };
  });

export const heartbeatFragArb: fc.Arbitrary<HeartbeatFrag> = fc.record({
  kind: fc.constant('HEARTBEAT_FRAG' as const),
  littleEndian: fc.boolean(),
  readerId: entityIdArb,
  writerId: entityIdArb,
  writerSN: positiveSnArb,
  lastFragmentNum: fc.integer({ min: 1, max: 0xffffffff }),
  count: countArb,
});

export const nackFragArb: fc.Arbitrary<NackFrag> = fc.record({
  kind: fc.constant('NACK_FRAG' as const),
  littleEndian: fc.boolean(),
  readerId: entityIdArb,
  writerId: entityIdArb,
  writerSN: positiveSnArb,
  fragmentNumberState: fragmentNumberSetArb,
  count: countArb,
});

export const infoDestinationArb: fc.Arbitrary<InfoDestination> = fc.record({
  kind: fc.constant('INFO_DST' as const),
  littleEndian: fc.boolean(),
  guidPrefix: fc.oneof(guidPrefixArb, fc.constant(new Uint8Array(12))),
});

export const infoSourceArb: fc.Arbitrary<InfoSource> = fc.record({
  kind: fc.constant('INFO_SRC' as const),
  littleEndian: fc.boolean(),
  unused: fc.oneof(fc.constant(0), u32Arb),
  protocolVersion: fc.record({ major: fc.integer({ min: 0, max: 255 }), minor: fc.integer({ min: 0, max: 255 }) }),
  vendorId: fc.integer({ min: 0, max: 0xffff }),
  guidPrefix: guidPrefixArb,
});

export const infoTimestampArb: fc.Arbitrary<InfoTimestamp> = fc
  .record({ littleEndian: fc.boolean(), timestamp: fc.option(timeArb, { nil: undefined }) })
  .map((t): InfoTimestamp => ({ kind: 'INFO_TS', ...t, invalidateFlag: t.timestamp === undefined }));

export const infoReplyArb: fc.Arbitrary<InfoReply> = fc
  .record({
    littleEndian: fc.boolean(),
    unicastLocatorList: fc.array(locatorArb, { maxLength: 3 }),
    multicastLocatorList: fc.option(fc.array(locatorArb, { maxLength: 3 }), { nil: undefined }),
  })
  .map((i): InfoReply => ({ kind: 'INFO_REPLY', ...i, multicastFlag: i.multicastLocatorList !== undefined }));

export const infoReplyIp4Arb: fc.Arbitrary<InfoReplyIp4> = fc
  .record({
    littleEndian: fc.boolean(),
    unicastLocator: locatorUDPv4Arb,
    multicastLocator: fc.option(locatorUDPv4Arb, { nil: undefined }),
  })
  .map((i): InfoReplyIp4 => ({ kind: 'INFO_REPLY_IP4', ...i, multicastFlag: i.multicastLocator !== undefined }));

export const padArb: fc.Arbitrary<Pad> = fc.record({
  kind: fc.constant('PAD' as const),
  littleEndian: fc.boolean(),
  padding: fc.integer({ min: 0, max: 4 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
});

const KNOWN_IDS = new Set<number>(Object.values(SubmessageId));
/** Ids this codec does not interpret: reserved/removed ones, SEC_*, HEADER_EXTENSION, vendor-specific. */
export const unknownIdArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0x00, 0x30, 0x31, 0x32, 0x33, 0x34, 0x80, 0x81, 0xff),
  fc.integer({ min: 0, max: 0xff }).filter((id) => !KNOWN_IDS.has(id)),
);

/** Non-empty bodies: an empty one could only be announced as octetsToNextHeader 0, "to the end of the message". */
export const unknownSubmessageArb: fc.Arbitrary<UnknownSubmessage> = fc
  .record({ id: unknownIdArb, flags: fc.integer({ min: 0, max: 0xff }), body: fc.uint8Array({ minLength: 1, maxLength: 40 }) })
  .map((u): UnknownSubmessage => ({ kind: 'UNKNOWN', littleEndian: (u.flags & 1) !== 0, ...u }));

/** One arbitrary per submessage kind, keyed by kind. */
export const submessageArbs = {
  ACKNACK: ackNackArb,
  DATA: dataArb,
  DATA_FRAG: dataFragArb,
  GAP: gapArb,
  HEARTBEAT: heartbeatArb,
  HEARTBEAT_FRAG: heartbeatFragArb,
  INFO_DST: infoDestinationArb,
  INFO_REPLY: infoReplyArb,
  INFO_REPLY_IP4: infoReplyIp4Arb,
  INFO_SRC: infoSourceArb,
  INFO_TS: infoTimestampArb,
  NACK_FRAG: nackFragArb,
  PAD: padArb,
  UNKNOWN: unknownSubmessageArb,
} as const satisfies { [K in Submessage['kind']]: fc.Arbitrary<Extract<Submessage, { kind: K }>> };

export const submessageArb: fc.Arbitrary<Submessage> = fc.oneof(
  ...(Object.values(submessageArbs) as fc.Arbitrary<Submessage>[]),
);

export const headerArb: fc.Arbitrary<Header> = fc.record({
  protocolVersion: fc.oneof(
    fc.constant({ major: 2, minor: 5 }),
    fc.record({ major: fc.integer({ min: 0, max: 2 }), minor: fc.integer({ min: 0, max: 255 }) }),
  ),
  vendorId: fc.integer({ min: 0, max: 0xffff }),
  guidPrefix: guidPrefixArb,
});

/** Messages of up to 8 submessages drawn from `arbs` (all kinds by default). */
export function rtpsMessageArbWith(
  arbs: readonly fc.Arbitrary<Submessage>[] = Object.values(submessageArbs) as fc.Arbitrary<Submessage>[],
): fc.Arbitrary<RtpsMessage> {
  return fc.record({ header: headerArb, submessages: fc.array(fc.oneof(...arbs), { maxLength: 8 }) });
}
export const rtpsMessageArb: fc.Arbitrary<RtpsMessage> = rtpsMessageArbWith();
