// Decode throughput of the hot submessages (DATA, HEARTBEAT, ACKNACK, DATA_FRAG).
// Run: npx vite-node test/wire/decode-bench.ts
import { Bench } from 'tinybench';
import { decodeMessage, encodeMessage, sequenceNumberSet, type Header, type Submessage } from '../../rtps/index.js';

const header: Header = { protocolVersion: { major: 2, minor: 5 }, vendorId: 0x0110, guidPrefix: new Uint8Array(12).fill(7) };
const subs: Record<string, Submessage> = {
  DATA: {
    kind: 'DATA', littleEndian: true, inlineQosFlag: false, dataFlag: true, keyFlag: false, nonStandardPayloadFlag: false,
    extraFlags: 0, readerId: 0, writerId: 0x102, writerSN: 12345n, serializedPayload: new Uint8Array(32),
  },
  HEARTBEAT: {
    kind: 'HEARTBEAT', littleEndian: true, finalFlag: false, livelinessFlag: false, groupInfoFlag: false,
    readerId: 0, writerId: 0x102, firstSN: 1n, lastSN: 12345n, count: 77,
  },
  ACKNACK: {
    kind: 'ACKNACK', littleEndian: true, finalFlag: true, readerId: 0x107, writerId: 0x102,
    readerSNState: sequenceNumberSet(12340n, [12341n, 12343n], 32), count: 9,
  },
  DATA_FRAG: {
    kind: 'DATA_FRAG', littleEndian: true, inlineQosFlag: false, keyFlag: false, nonStandardPayloadFlag: false, extraFlags: 0,
    readerId: 0, writerId: 0x102, writerSN: 5n, fragmentStartingNum: 2, fragmentsInSubmessage: 1, fragmentSize: 1024,
    sampleSize: 4096, serializedPayload: new Uint8Array(1024),
  },
};

const PER_MESSAGE = 8;
const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, sm] of Object.entries(subs)) {
  const bytes = encodeMessage({ header, submessages: Array.from({ length: PER_MESSAGE }, () => sm) });
  bench.add(`${name} x${PER_MESSAGE}`, () => {
    const r = decodeMessage(bytes);
    if (!r.ok || r.value.submessages.length !== PER_MESSAGE) throw new Error('bad decode');
  });
}
const mixed = encodeMessage({ header, submessages: [subs.DATA!, subs.HEARTBEAT!, subs.ACKNACK!, subs.DATA_FRAG!, subs.DATA!, subs.HEARTBEAT!, subs.ACKNACK!, subs.DATA_FRAG!] });
bench.add(`mixed x${PER_MESSAGE}`, () => {
  const r = decodeMessage(mixed);
  if (!r.ok) throw new Error('bad decode');
});
const single = encodeMessage({ header, submessages: [subs.DATA!] });
bench.add('DATA x1 (one-submessage message)', () => {
  const r = decodeMessage(single);
  if (!r.ok) throw new Error('bad decode');
});

await bench.run();
for (const t of bench.tasks) {
  const hz = t.result && 'throughput' in t.result ? t.result.throughput.mean : 0;
  const n = t.name.includes('x1 ') ? 1 : PER_MESSAGE;
  console.log(`${t.name.padEnd(34)} ${Math.round(hz).toLocaleString('en').padStart(12)} msgs/s ${Math.round(hz * n).toLocaleString('en').padStart(12)} submessages/s`);
}
