import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage } from '../../rtps/index.js';
import { LinkType, readPcap, udpDatagrams, type PcapFile } from '../../netem/pcap/index.js';
import { TCP_SNAPLEN } from '../../netem/pcap-sink.js';
import { skipUnless } from '../support/tools.js';
import { runCli, shortScenarioFile, tempDir } from './run-cli.js';

interface TcpView {
  readonly src: string;
  readonly srcPort: number;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly payload: number;
}

/** The IPv4/TCP header fields of one captured frame (Ethernet, IPv4 without options). */
function tcpOf(data: Uint8Array, originalLength: number): TcpView {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const total = v.getUint16(16);
  if (v.getUint16(12) !== 0x0800 || data[14]! >> 4 !== 4 || data[23] !== 6 || total !== originalLength - 14) throw new Error('not an IPv4/TCP frame of its original length');
  const tcpLen = (data[46]! >> 4) * 4;
  return {
    src: [...data.subarray(26, 30)].join('.'),
    srcPort: v.getUint16(34),
    flags: data[47]!,
    seq: v.getUint32(38),
    ack: v.getUint32(42),
    payload: total - 20 - tcpLen,
  };
}

/** One's-complement sum of 16-bit words (RFC 1071), folded. */
function onesSum(bytes: Uint8Array, initial: number): number {
  let s = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) s += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length % 2 === 1) s += bytes[bytes.length - 1]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('simulate --pcap on a TCP scenario', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const path = join(tmp.dir, 'flow.pcap');
  let file: PcapFile;
  let text: string;

  beforeAll(async () => {
    text = await runCli(['simulate', shortScenarioFile(tmp.dir), '--datapath', 'host-device', '--pcap', path]);
    file = readPcap(readFileSync(path));
  }, 120_000);

  it('is read back by netem/pcap: Ethernet, nanosecond times in order, headers only with the true frame length', () => {
    expect(file.linkType).toBe(LinkType.ETHERNET);
    expect(file.nanosecond).toBe(true);
    expect(file.snapLength).toBe(TCP_SNAPLEN);
    expect(text).toContain(`pcap: ${path} (${file.records.length} frames)`);
    expect(file.records.length).toBeGreaterThan(1000);
    // Aggregated checks: one expect per record would make the test slower than the simulation.
    expect(file.records.findIndex((r, i) => i > 0 && r.timeNs < file.records[i - 1]!.timeNs)).toBe(-1);
    expect(Math.max(...file.records.map((r) => r.data.length))).toBeLessThanOrEqual(TCP_SNAPLEN);
  });

  it('carries a handshake and then data segments numbered by bytes, acknowledged the other way', () => {
    const frames = file.records.map((r) => tcpOf(r.data, r.originalLength));
    expect(frames[0]!.flags).toBe(0x02);
    expect(frames[1]!.flags).toBe(0x12);
    const data = frames.filter((f) => f.payload > 0);
    const acks = frames.filter((f) => f.payload === 0 && f.flags === 0x10);
    expect(data.length).toBeGreaterThan(500);
    expect(acks.length).toBeGreaterThan(100);
    const mss = data[0]!.payload;
    const isn = data[0]!.seq;
    expect(data.filter((d) => (d.seq - isn) % mss !== 0)).toEqual([]);
    // Every ACK acknowledges a segment boundary of the data direction, from the other end.
    expect(acks.filter((a) => a.src === data[0]!.src || (a.ack - isn) % mss !== 0)).toEqual([]);
  });

  it('TCP checksums are right for the frame as if its uncaptured payload were zero bytes', () => {
    // Pseudo-header (addresses, protocol 6, TCP length) + the captured TCP header; zeros add nothing.
    const bad = file.records.filter((r) => onesSum(r.data.subarray(34), onesSum(r.data.subarray(26, 34), 6 + r.originalLength - 34)) !== 0xffff);
    expect(bad).toEqual([]);
  });

  describe.skipIf(skipUnless('pcap dissected by tshark', 'tshark'))('tshark', () => {
    it('dissects every frame as TCP with valid IPv4 checksums and nothing malformed', () => {
      const count = (filter: string): number => tshark(['-r', path, '-o', 'ip.check_checksum:TRUE', '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter((l) => l !== '').length;
      expect(count('tcp')).toBe(file.records.length);
      expect(count('ip.checksum.status == 1')).toBe(file.records.length);
      expect(count('ip.checksum.status == 0 || _ws.malformed')).toBe(0);
    });
  });
});

describe('simulate --pcap on the RTPS scenario', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const path = join(tmp.dir, 'rtps.pcap');
  let file: PcapFile;

  beforeAll(async () => {
    await runCli(['simulate', 'edge-rpi', '--datapath', 'k3s', '--sizes', '5k', '--duration', '50', '--no-counterfactuals', '--pcap', path]);
    file = readPcap(readFileSync(path));
  }, 120_000);

  it('holds whole UDP datagrams whose payloads are RTPS messages our decoder accepts', () => {
    const datagrams = udpDatagrams(file);
    expect(datagrams.length).toBe(file.records.length);
    expect(datagrams.length).toBeGreaterThan(50);
    expect(datagrams.filter((d) => !decodeMessage(d.payload).ok).map((d) => d.frame)).toEqual([]);
    expect(new Set(datagrams.map((d) => d.srcIp)).size).toBe(2);
  });

  describe.skipIf(skipUnless('RTPS pcap dissected by tshark', 'tshark'))('tshark', () => {
    it('dissects every frame as RTPS', () => {
      const rtps = tshark(['-r', path, '-Y', 'rtps && !_ws.malformed', '-T', 'fields', '-e', 'frame.number']).split('\n').filter((l) => l !== '');
      expect(rtps.length).toBe(file.records.length);
    });
  });
});
