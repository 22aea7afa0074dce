import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StatefulReader } from '../../rtps/endpoint/stateful-reader.js';
import { fragmentNumberSetMembers, sequenceNumberSet, sequenceNumberSetMembers } from '../../rtps/types/number-set.js';
import type { Data } from '../../rtps/wire/submessages/data.js';
import type { DataFrag } from '../../rtps/wire/submessages/data-frag.js';
import type { Heartbeat } from '../../rtps/wire/submessages/heartbeat.js';
import { CaptureOutbox, receiverFrom } from './capture.js';
import { MS, prefix, READER_DEFAULTS, readerGuid, READER_ENTITY, samplePayload, sampleIndex, writerGuid, WRITER_ENTITY } from './fixtures.js';

function setup(reliable = true): { reader: StatefulReader; out: CaptureOutbox } {
  const out = new CaptureOutbox();
  const reader = new StatefulReader({ ...READER_DEFAULTS, reliable, guid: readerGuid(1) }, out);
  reader.matchedWriterAdd({ remoteWriterGuid: writerGuid(0), unicastLocatorList: [], multicastLocatorList: [], reliable: true });
  out.take();
  return { reader, out };
}

function data(sn: number, payload = samplePayload(sn, 16)): Data {
  return {
    kind: 'DATA',
    littleEndian: true,
    inlineQosFlag: false,
    dataFlag: true,
    keyFlag: false,
    nonStandardPayloadFlag: false,
    extraFlags: 0,
    readerId: READER_ENTITY,
    writerId: WRITER_ENTITY,
    writerSN: BigInt(sn),
    serializedPayload: payload,
  };
}

function heartbeat(first: number, last: number, count: number, finalFlag = false): Heartbeat {
  return {
    kind: 'HEARTBEAT',
    littleEndian: true,
    finalFlag,
    livelinessFlag: false,
    groupInfoFlag: false,
    readerId: READER_ENTITY,
    writerId: WRITER_ENTITY,
    firstSN: BigInt(first),
    lastSN: BigInt(last),
    count,
  };
}

function frag(sn: bigint, first: number, count: number, fragmentSize: number, sampleSize: number, payload: Uint8Array): DataFrag {
  return {
    kind: 'DATA_FRAG',
    littleEndian: true,
    inlineQosFlag: false,
    keyFlag: false,
    nonStandardPayloadFlag: false,
    extraFlags: 0,
    readerId: READER_ENTITY,
    writerId: WRITER_ENTITY,
    writerSN: sn,
    fragmentStartingNum: first,
    fragmentsInSubmessage: count,
    fragmentSize,
    sampleSize,
    serializedPayload: payload,
  };
}

const rs = receiverFrom();
const taken = (r: StatefulReader): number[] => r.history.take().map((s) => sampleIndex(s.data!));

describe('StatefulReader ACKNACK', () => {
  it('answers a HEARTBEAT after heartbeatResponseDelay with base = first missing and the missing SNs as bits', () => {
    const { reader, out } = setup();
    for (const sn of [1, 2, 4, 6]) reader.handleData(0, data(sn), rs);
    expect(taken(reader)).toEqual([1, 2]);
    reader.handleHeartbeat(10 * MS, heartbeat(1, 7, 1), rs);
    expect(reader.nextDeadline()).toBe(15 * MS);
    expect(out.take()).toEqual([]);
    reader.handleTimeout(15 * MS);
    const [ack, ...rest] = out.take();
    expect(rest).toEqual([]);
    expect(ack!.destination.guidPrefix).toEqual(prefix(0));
    const an = CaptureOutbox.ofKind([ack!], 'ACKNACK')[0]!;
    expect(an.readerSNState.bitmapBase).toBe(3n);
    expect(sequenceNumberSetMembers(an.readerSNState)).toEqual([3n, 5n, 7n]);
    expect(an.finalFlag).toBe(true);
    expect(reader.nextDeadline()).toBeNull();
  });

  it('does not answer a final HEARTBEAT when nothing is missing, and answers a non-final one with an ACKNACK', () => {
    const { reader, out } = setup();
    reader.handleData(0, data(1), rs);
    reader.handleHeartbeat(0, heartbeat(1, 1, 1, true), rs);
    expect(reader.nextDeadline()).toBeNull();
    reader.handleHeartbeat(0, heartbeat(1, 1, 2, false), rs);
    reader.handleTimeout(reader.nextDeadline()!);
    const an = CaptureOutbox.ofKind(out.take(), 'ACKNACK');
    expect(an).toHaveLength(1);
    expect(an[0]!.finalFlag).toBe(true);
    expect(an[0]!.readerSNState).toEqual(sequenceNumberSet(2n, []));
  });

  it('ignores a HEARTBEAT whose count it has seen', () => {
    const { reader } = setup();
    reader.handleHeartbeat(0, heartbeat(1, 3, 5), rs);
    reader.handleTimeout(reader.nextDeadline()!);
    expect(reader.handleHeartbeat(0, heartbeat(1, 3, 5), rs)).toBe(false);
    expect(reader.nextDeadline()).toBeNull();
  });

  it('a HEARTBEAT whose firstSN is past the gap makes the earlier changes lost and delivers what waited', () => {
    const { reader } = setup();
    reader.handleData(0, data(3), rs);
    expect(taken(reader)).toEqual([]);
    expect(reader.handleHeartbeat(0, heartbeat(3, 3, 1, true), rs)).toBe(true);
    expect(taken(reader)).toEqual([3]);
  });

  it('a GAP fills the hole and delivers in order; duplicates are dropped', () => {
    const { reader } = setup();
    reader.handleData(0, data(1), rs);
    reader.handleData(0, data(4), rs);
    reader.handleData(0, data(1), rs);
    reader.handleGap(0, { kind: 'GAP', littleEndian: true, groupInfoFlag: false, filteredCountFlag: false, readerId: READER_ENTITY, writerId: WRITER_ENTITY, gapStart: 2n, gapList: sequenceNumberSet(3n, [3n]) }, rs);
    reader.handleData(0, data(4), rs);
    expect(taken(reader)).toEqual([1, 4]);
  });

  it('sends a NACK_FRAG, not a bit in the ACKNACK, for a partly received sample', () => {
    const { reader, out } = setup();
    const sample = samplePayload(1, 1000);
    for (const fn of [1, 2, 3, 5, 6, 7, 8, 9, 10]) reader.handleDataFrag(0, frag(1n, fn, 1, 100, 1000, sample.subarray((fn - 1) * 100, fn * 100)), rs);
    reader.handleHeartbeat(0, heartbeat(1, 2, 1), rs);
    reader.handleTimeout(reader.nextDeadline()!);
    const sent = out.take();
    const nf = CaptureOutbox.ofKind(sent, 'NACK_FRAG');
    expect(nf).toHaveLength(1);
    expect(nf[0]!.writerSN).toBe(1n);
    expect(nf[0]!.fragmentNumberState.bitmapBase).toBe(4);
    const an = CaptureOutbox.ofKind(sent, 'ACKNACK')[0]!;
    expect(an.readerSNState.bitmapBase).toBe(1n);
    expect(sequenceNumberSetMembers(an.readerSNState)).toEqual([2n]);
    reader.handleDataFrag(0, frag(1n, 4, 1, 100, 1000, sample.subarray(300, 400)), rs);
    expect(taken(reader)).toEqual([1]);
  });

  it('answers a HEARTBEAT_FRAG with a NACK_FRAG for the fragments missing up to lastFragmentNum', () => {
    const { reader, out } = setup();
    const sample = samplePayload(1, 500);
    for (const fn of [1, 3]) reader.handleDataFrag(0, frag(1n, fn, 1, 100, 500, sample.subarray((fn - 1) * 100, fn * 100)), rs);
    reader.handleHeartbeatFrag(0, { kind: 'HEARTBEAT_FRAG', littleEndian: true, readerId: READER_ENTITY, writerId: WRITER_ENTITY, writerSN: 1n, lastFragmentNum: 3, count: 1 }, rs);
    expect(reader.nextDeadline()).toBe(5 * MS);
    reader.handleTimeout(5 * MS);
    const sent = out.take();
    // No HEARTBEAT yet: the ACKNACK going with it asks for nothing (pre-emptive).
    expect(CaptureOutbox.ofKind(sent, 'ACKNACK').map((a) => a.readerSNState.numBits)).toEqual([0]);
    const nf = CaptureOutbox.ofKind(sent, 'NACK_FRAG');
    expect(nf.map((n) => [n.writerSN, fragmentNumberSetMembers(n.fragmentNumberState)])).toEqual([[1n, [2]]]);
  });

  it('asks for a partly received sample whole after a few unanswered NACK_FRAGs', () => {
    const { reader, out } = setup();
    const sample = samplePayload(1, 1000);
    reader.handleDataFrag(0, frag(1n, 1, 1, 100, 1000, sample.subarray(0, 100)), rs);
    const bits: bigint[][] = [];
    for (let count = 1; count <= 4; count++) {
      reader.handleHeartbeat(0, heartbeat(1, 1, count), rs);
      reader.handleTimeout(reader.nextDeadline()!);
      const sent = out.take();
      expect(CaptureOutbox.ofKind(sent, 'NACK_FRAG')).toHaveLength(1);
      bits.push(sequenceNumberSetMembers(CaptureOutbox.ofKind(sent, 'ACKNACK')[0]!.readerSNState));
    }
    expect(bits).toEqual([[], [], [], [1n]]);
  });

  it('sends a pre-emptive ACKNACK when matched and repeats it until the first HEARTBEAT', () => {
    const out = new CaptureOutbox();
    const reader = new StatefulReader({ ...READER_DEFAULTS, guid: readerGuid(1), preemptiveAckNackPeriod: 1000 * MS }, out);
    reader.matchedWriterAdd({ remoteWriterGuid: writerGuid(0), unicastLocatorList: [], multicastLocatorList: [], reliable: true }, 0);
    const first = CaptureOutbox.ofKind(out.take(), 'ACKNACK');
    expect(first.map((a) => [a.readerSNState, a.finalFlag])).toEqual([[sequenceNumberSet(1n, []), false]]);
    expect(reader.nextDeadline()).toBe(1000 * MS);
    reader.handleTimeout(1000 * MS);
    expect(CaptureOutbox.ofKind(out.take(), 'ACKNACK').map((a) => a.count)).toEqual([first[0]!.count + 1]);
    reader.handleHeartbeat(1500 * MS, heartbeat(1, 0, 1, true), rs);
    expect(reader.nextDeadline()).toBeNull();
  });

  it('takes the source timestamp from INFO_TS and ignores traffic from unmatched writers', () => {
    const { reader } = setup();
    reader.handleData(0, data(1), receiverFrom(prefix(0), { seconds: 12, fraction: 34 }));
    expect(reader.handleData(0, data(1), receiverFrom(prefix(9)))).toBe(false);
    expect(reader.stats.unmatched).toBe(1);
    const [s] = reader.history.take();
    expect(s!.info.sourceTimestamp).toEqual({ seconds: 12, fraction: 34 });
  });

  it('a best-effort reader delivers only newer samples and never sends', () => {
    const { reader, out } = setup(false);
    for (const sn of [2, 1, 5, 5, 3, 7]) reader.handleData(0, data(sn), rs);
    reader.handleHeartbeat(0, heartbeat(1, 9, 1), rs);
    expect(taken(reader)).toEqual([2, 5, 7]);
    expect(reader.nextDeadline()).toBeNull();
    expect(out.take()).toEqual([]);
  });
});

describe('StatefulReader memory under a flood of bogus DATA_FRAGs', () => {
  it('stays within the reassembly limits, and unmatched writers cost nothing', () => {
    const limit = 64 * 1024;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sn: fc.bigInt({ min: 1n, max: 1n << 40n }),
            first: fc.integer({ min: 1, max: 70_000 }),
            count: fc.integer({ min: 1, max: 4 }),
            fragmentSize: fc.integer({ min: 1, max: 65535 }),
            sampleSize: fc.integer({ min: 1, max: 0xffffffff }),
            length: fc.integer({ min: 0, max: 300 }),
            matched: fc.boolean(),
          }),
          { maxLength: 300 },
        ),
        (flood) => {
          const out = new CaptureOutbox();
          const reader = new StatefulReader(
            { ...READER_DEFAULTS, guid: readerGuid(1), fragmentLimits: { maxSampleSize: 32 * 1024, maxBytesPerWriter: limit, maxBytesTotal: limit } },
            out,
          );
          reader.matchedWriterAdd({ remoteWriterGuid: writerGuid(0), unicastLocatorList: [], multicastLocatorList: [], reliable: true });
          let unmatched = 0;
          for (const f of flood) {
            const r = receiverFrom(f.matched ? prefix(0) : prefix(7));
            if (!f.matched) unmatched++;
            reader.handleDataFrag(0, frag(f.sn, f.first, f.count, f.fragmentSize, f.sampleSize, new Uint8Array(f.length)), r);
            expect(reader.reassemblyBytes).toBeLessThanOrEqual(limit);
            reader.handleHeartbeatFrag(0, { kind: 'HEARTBEAT_FRAG', littleEndian: true, readerId: READER_ENTITY, writerId: WRITER_ENTITY, writerSN: f.sn, lastFragmentNum: f.first, count: f.first }, r);
          }
          expect(reader.stats.unmatched).toBe(2 * unmatched);
          // Whatever the flood, the answer to a HEARTBEAT is a bounded set of submessages.
          reader.handleHeartbeat(0, heartbeat(1, 1 << 30, 1), receiverFrom(prefix(0)));
          reader.handleTimeout(reader.nextDeadline()!);
          expect(out.take().length).toBeLessThanOrEqual(1 + 2 * 64 + 256);
        },
      ),
      { numRuns: 100 },
    );
  });
});
