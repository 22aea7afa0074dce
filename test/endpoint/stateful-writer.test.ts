import { describe, expect, it } from 'vitest';
import { DurabilityKind } from '../../rtps/discovery/qos-policies.js';
import { decodeInlineQos, StatusInfo } from '../../rtps/discovery/inline-qos.js';
import { StatefulWriter, type WriterSettings } from '../../rtps/endpoint/stateful-writer.js';
import { fragmentNumberSet, sequenceNumberSet } from '../../rtps/types/number-set.js';
import { udpv4Locator } from '../../rtps/types/locator.js';
import type { AckNack } from '../../rtps/wire/submessages/acknack.js';
import { CaptureOutbox } from './capture.js';
import { MS, prefix, readerGuid, READER_ENTITY, samplePayload, WRITER_DEFAULTS, writerGuid, WRITER_ENTITY } from './fixtures.js';

function setup(settings: Partial<WriterSettings> = {}, reader: { reliable?: boolean; durability?: DurabilityKind; now?: number } = {}): { writer: StatefulWriter; out: CaptureOutbox } {
  const out = new CaptureOutbox();
  const writer = new StatefulWriter({ ...WRITER_DEFAULTS, guid: writerGuid(0), ...settings }, out);
  return { writer, out: matchReader(writer, out, reader) };
}

function matchReader(writer: StatefulWriter, out: CaptureOutbox, reader: { reliable?: boolean; durability?: DurabilityKind; now?: number } = {}): CaptureOutbox {
  writer.matchedReaderAdd(reader.now ?? 0, {
    remoteReaderGuid: readerGuid(1),
    unicastLocatorList: [udpv4Locator('127.0.0.1', 7412)],
    multicastLocatorList: [],
    expectsInlineQos: false,
    reliable: reader.reliable ?? true,
    durability: reader.durability ?? DurabilityKind.VOLATILE,
  });
  return out;
}

function acknack(base: number, missing: number[], count: number, finalFlag = false): AckNack {
  return {
    kind: 'ACKNACK',
    littleEndian: true,
    finalFlag,
    readerId: READER_ENTITY,
    writerId: WRITER_ENTITY,
    readerSNState: sequenceNumberSet(BigInt(base), missing.map(BigInt)),
    count,
  };
}

const kinds = (items: { submessage: { kind: string } }[]): string[] => items.map((c) => c.submessage.kind);

describe('StatefulWriter', () => {
  it('sends DATA then a non-final HEARTBEAT, repeats the HEARTBEAT every heartbeatPeriod until acknowledged', () => {
    const { writer, out } = setup();
    out.take();
    expect(writer.write(0, samplePayload(1, 50), { sourceTimestamp: { seconds: 5, fraction: 0 } })).toEqual({ ok: true, sequenceNumber: 1n });
    const sent = out.take();
    expect(kinds(sent)).toEqual(['DATA', 'HEARTBEAT']);
    expect(sent[0]!.timestamp).toEqual({ seconds: 5, fraction: 0 });
    expect(sent[0]!.destination).toEqual({ guidPrefix: prefix(1), locators: [udpv4Locator('127.0.0.1', 7412)] });
    const hb = CaptureOutbox.ofKind(sent, 'HEARTBEAT')[0]!;
    expect([hb.firstSN, hb.lastSN, hb.finalFlag]).toEqual([1n, 1n, false]);
    expect(writer.nextDeadline()).toBe(100 * MS);
    writer.handleTimeout(100 * MS);
    expect(kinds(out.take())).toEqual(['HEARTBEAT']);
    writer.handleAckNack(150 * MS, acknack(2, [], 1, true), prefix(1));
    expect(writer.isAcknowledgedByAll()).toBe(true);
    expect(writer.nextDeadline()).toBeNull();
    // VOLATILE: acknowledged changes leave the history.
    expect(writer.history.size).toBe(0);
  });

  it('resends NACKed changes after nackResponseDelay, with a GAP for those the history no longer holds', () => {
    const { writer, out } = setup({ history: { kind: 'KEEP_LAST', depth: 2 } });
    for (let i = 1; i <= 4; i++) writer.write(0, samplePayload(i, 20));
    out.take();
    writer.handleAckNack(10 * MS, acknack(1, [1, 2, 3], 1), prefix(1));
    expect(out.take()).toEqual([]);
    expect(writer.nextDeadline()).toBe(15 * MS);
    writer.handleTimeout(15 * MS);
    const sent = out.take();
    expect(kinds(sent)).toEqual(['GAP', 'DATA', 'HEARTBEAT']);
    const gap = CaptureOutbox.ofKind(sent, 'GAP')[0]!;
    expect(gap.gapStart).toBe(1n);
    expect(gap.gapList.bitmapBase).toBe(3n);
    expect(CaptureOutbox.ofKind(sent, 'DATA')[0]!.writerSN).toBe(3n);
    // The HEARTBEAT no longer offers the evicted changes.
    expect(CaptureOutbox.ofKind(sent, 'HEARTBEAT')[0]!.firstSN).toBe(3n);
    // A repeated ACKNACK count is ignored.
    writer.handleAckNack(20 * MS, acknack(1, [1, 2, 3], 1), prefix(1));
    expect(writer.stats.stale).toBe(1);
    expect(writer.nextDeadline()).toBe(100 * MS);
  });

  it('takes ACKNACKs again from a reader whose counts restarted, after a few refusals', () => {
    const { writer } = setup();
    writer.write(0, samplePayload(1, 20));
    writer.write(0, samplePayload(2, 20));
    writer.handleAckNack(0, acknack(2, [], 50, true), prefix(1));
    writer.handleAckNack(0, acknack(3, [], 1, true), prefix(1));
    writer.handleAckNack(0, acknack(3, [], 2, true), prefix(1));
    expect(writer.isAcknowledgedByAll()).toBe(false);
    writer.handleAckNack(0, acknack(3, [], 3, true), prefix(1));
    expect(writer.stats.stale).toBe(3);
    expect(writer.isAcknowledgedByAll()).toBe(true);
    // The count that was taken is remembered again.
    writer.handleAckNack(0, acknack(3, [], 3, true), prefix(1));
    expect(writer.stats.stale).toBe(4);
  });

  it('answers a NACK_FRAG with exactly the requested fragments', () => {
    const { writer, out } = setup({ fragmentSize: 100, maxMessageSize: 250 });
    out.take();
    const sample = samplePayload(1, 1000);
    writer.write(0, sample);
    const first = out.take();
    expect(kinds(first)).toEqual([...Array(10).fill('DATA_FRAG'), 'HEARTBEAT_FRAG', 'HEARTBEAT']);
    for (const f of CaptureOutbox.ofKind(first, 'DATA_FRAG')) expect(f.serializedPayload.buffer).toBe(sample.buffer);
    writer.handleNackFrag(0, { kind: 'NACK_FRAG', littleEndian: true, readerId: READER_ENTITY, writerId: WRITER_ENTITY, writerSN: 1n, fragmentNumberState: fragmentNumberSet(4, [4, 7]), count: 1 }, prefix(1));
    writer.handleTimeout(writer.nextDeadline()!);
    const frags = CaptureOutbox.ofKind(out.take(), 'DATA_FRAG');
    expect(frags.map((f) => [f.fragmentStartingNum, f.fragmentsInSubmessage])).toEqual([[4, 1], [7, 1]]);
    expect(frags[0]!.serializedPayload).toEqual(sample.subarray(300, 400));
  });

  it('packs consecutive fragments into one DATA_FRAG as far as maxMessageSize allows', () => {
    const { writer, out } = setup({ fragmentSize: 100, maxMessageSize: 84 + 300 });
    writer.write(0, samplePayload(1, 1000));
    const frags = CaptureOutbox.ofKind(out.take(), 'DATA_FRAG');
    expect(frags.map((f) => [f.fragmentStartingNum, f.fragmentsInSubmessage])).toEqual([[1, 3], [4, 3], [7, 3], [10, 1]]);
  });

  it('KEEP_ALL with max_samples: a write that does not fit would block until readers acknowledge', () => {
    const { writer } = setup({ history: { kind: 'KEEP_ALL' }, resourceLimits: { maxSamples: 2, maxInstances: Infinity, maxSamplesPerInstance: 2 } });
    expect(writer.write(0, samplePayload(1, 10)).ok).toBe(true);
    expect(writer.write(0, samplePayload(2, 10)).ok).toBe(true);
    expect(writer.write(0, samplePayload(3, 10))).toEqual({ ok: false, reason: 'MAX_SAMPLES_PER_INSTANCE', wouldBlock: true });
    writer.handleAckNack(0, acknack(2, [], 1), prefix(1));
    expect(writer.write(0, samplePayload(3, 10))).toEqual({ ok: true, sequenceNumber: 3n });
  });

  it('serves a TRANSIENT_LOCAL late joiner its history and GAPs what LIFESPAN removed', () => {
    const out = new CaptureOutbox();
    const writer = new StatefulWriter({ ...WRITER_DEFAULTS, guid: writerGuid(0), durability: DurabilityKind.TRANSIENT_LOCAL, lifespan: 50 * MS }, out);
    writer.write(0, samplePayload(1, 10));
    writer.write(40 * MS, samplePayload(2, 10));
    expect(writer.nextDeadline()).toBe(50 * MS);
    writer.handleTimeout(60 * MS);
    expect(writer.history.size).toBe(1);
    matchReader(writer, out, { durability: DurabilityKind.TRANSIENT_LOCAL, now: 60 * MS });
    const sent = out.take();
    expect(kinds(sent)).toEqual(['GAP', 'DATA', 'HEARTBEAT']);
    expect(CaptureOutbox.ofKind(sent, 'DATA')[0]!.writerSN).toBe(2n);
  });

  it('starts a VOLATILE late joiner after the last change and GAPs what it asks for from before', () => {
    const out = new CaptureOutbox();
    const writer = new StatefulWriter({ ...WRITER_DEFAULTS, guid: writerGuid(0), durability: DurabilityKind.TRANSIENT_LOCAL }, out);
    for (let i = 1; i <= 3; i++) writer.write(0, samplePayload(i, 10));
    matchReader(writer, out, { durability: DurabilityKind.VOLATILE });
    const hb = CaptureOutbox.ofKind(out.take(), 'HEARTBEAT');
    expect(hb).toHaveLength(1);
    expect([hb[0]!.firstSN, hb[0]!.lastSN, hb[0]!.finalFlag]).toEqual([4n, 3n, true]);
    writer.handleAckNack(0, acknack(1, [1, 2, 3], 1), prefix(1));
    writer.handleTimeout(writer.nextDeadline()!);
    const gap = CaptureOutbox.ofKind(out.take(), 'GAP');
    expect(gap.map((g) => [g.gapStart, g.gapList.bitmapBase])).toEqual([[1n, 4n]]);
  });

  it('resends, rather than GAPs, what a TRANSIENT_LOCAL reader acknowledged and then lost (it re-matched)', () => {
    const { writer, out } = setup({ durability: DurabilityKind.TRANSIENT_LOCAL }, { durability: DurabilityKind.TRANSIENT_LOCAL });
    writer.write(0, samplePayload(1, 10));
    writer.write(0, samplePayload(2, 10));
    writer.handleAckNack(0, acknack(3, [], 1, true), prefix(1));
    out.take();
    writer.handleAckNack(0, acknack(1, [], 2), prefix(1));
    const resent = out.take();
    expect(CaptureOutbox.ofKind(resent, 'DATA').map((d) => d.writerSN)).toEqual([1n, 2n]);
    writer.handleTimeout(writer.nextDeadline()!);
    expect(CaptureOutbox.ofKind(out.take(), 'GAP')).toEqual([]);
    expect(writer.isAcknowledgedByAll()).toBe(false);
  });

  it('answers an empty non-final ACKNACK from a reader that missed the HEARTBEATs with a HEARTBEAT', () => {
    const { writer, out } = setup();
    writer.write(0, samplePayload(1, 10));
    out.take();
    writer.handleAckNack(0, acknack(1, [], 1), prefix(1));
    writer.handleTimeout(writer.nextDeadline()!);
    expect(kinds(out.take())).toEqual(['HEARTBEAT']);
  });

  it('sends dispose and unregister as DATA with PID_STATUS_INFO and the key hash, the key as K payload', () => {
    const { writer, out } = setup();
    out.take();
    const keyHash = Uint8Array.from({ length: 16 }, (_, i) => i);
    const key = Uint8Array.of(0, 1, 0, 0, 7, 0, 0, 0);
    writer.write(0, samplePayload(1, 16), { keyHash });
    writer.dispose(0, keyHash, { key });
    writer.unregister(0, keyHash);
    const data = CaptureOutbox.ofKind(out.take(), 'DATA');
    const qos = data.map((d) => decodeInlineQos(d.inlineQos!, d.littleEndian));
    expect(qos.map((q) => q.keyHash)).toEqual([keyHash, keyHash, keyHash]);
    expect(qos.map((q) => q.statusInfo)).toEqual([undefined, StatusInfo.DISPOSED, StatusInfo.UNREGISTERED]);
    expect(data.map((d) => [d.dataFlag, d.keyFlag])).toEqual([[true, false], [false, true], [false, false]]);
    expect(data[1]!.serializedPayload).toEqual(key);
  });

  it('a best-effort reader gets the data and nothing else, and nothing waits for it', () => {
    const { writer, out } = setup({}, { reliable: false });
    expect(out.take()).toEqual([]);
    writer.write(0, samplePayload(1, 10));
    expect(kinds(out.take())).toEqual(['DATA']);
    expect(writer.nextDeadline()).toBeNull();
    expect(writer.history.size).toBe(0);
  });

  it('cuts a 50 000-octet sample into subarray fragments quickly', () => {
    const { writer, out } = setup({ fragmentSize: 1344, maxMessageSize: 1472 });
    const sample = samplePayload(1, 50_000);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) {
      writer.write(0, sample);
      writer.handleAckNack(0, acknack(i + 2, [], i + 1), prefix(1));
    }
    const elapsed = performance.now() - t0;
    const frags = CaptureOutbox.ofKind(out.take(), 'DATA_FRAG');
    expect(frags).toHaveLength(200 * 38);
    expect(frags.every((f) => f.serializedPayload.buffer === sample.buffer)).toBe(true);
    expect(elapsed).toBeLessThan(2000);
  });
});
