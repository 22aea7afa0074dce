import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeError, attempt } from '../../rtps/codec/decode-error.js';
import {
  LinkType,
  MAX_IPV4_UDP_PAYLOAD,
  PCAP_MAGIC_NANOS,
  ethernetIpv4UdpFrame,
  extractUdp,
  ipv6ToString,
  pcapOfUdpDatagrams,
  readPcap,
  udpDatagrams,
  udpFrames,
  writePcap,
  type UdpDatagramInput,
} from '../../netem/pcap/index.js';
import { skipUnless } from '../support/tools.js';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
const port = fc.nat(0xffff);
const timeNs = fc.bigInt({ min: 0n, max: 0xffffffffn * 1_000_000_000n + 999_999_999n });
const datagram: fc.Arbitrary<UdpDatagramInput> = fc.record({
  timeNs,
  srcIp: ipv4,
  srcPort: port,
  dstIp: ipv4,
  dstPort: port,
  payload: fc.uint8Array({ maxLength: 300 }),
});

describe('classic pcap codec', () => {
  it('round-trips records in both byte orders and both timestamp resolutions', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(0, 1, 101, 113, 276),
        fc.array(fc.record({ timeNs, data: fc.uint8Array({ maxLength: 64 }), extra: fc.nat(100) }), { maxLength: 8 }),
        (littleEndian, nanosecond, linkType, recs) => {
          const bytes = writePcap({ littleEndian, nanosecond, linkType, records: recs.map((r) => ({ ...r, originalLength: r.data.length + r.extra })) });
          const file = readPcap(bytes);
          expect(file.littleEndian).toBe(littleEndian);
          expect(file.nanosecond).toBe(nanosecond);
          expect(file.linkType).toBe(linkType);
          expect(file.records.map((r) => [r.timeNs, Array.from(r.data), r.originalLength])).toEqual(
            recs.map((r) => [nanosecond ? r.timeNs : (r.timeNs / 1000n) * 1000n, Array.from(r.data), r.data.length + r.extra]),
          );
        },
      ),
    );
  });

  it('round-trips UDP datagrams through Ethernet/IPv4/UDP frames', () => {
    fc.assert(
      fc.property(fc.array(datagram, { maxLength: 6 }), (ds) => {
        const got = udpDatagrams(readPcap(pcapOfUdpDatagrams(ds)));
        expect(got.map(({ frame, ...d }) => ({ ...d, payload: Array.from(d.payload) }))).toEqual(
          ds.map((d) => ({ ...d, timeNs: (d.timeNs / 1000n) * 1000n, payload: Array.from(d.payload) })),
        );
      }),
    );
  });

  it('writes a valid IPv4 header checksum and a valid UDP checksum', () => {
    fc.assert(
      fc.property(datagram, (d) => {
        const frame = ethernetIpv4UdpFrame(d);
        const sum16 = (b: Uint8Array, init = 0): number => {
          let s = init;
          for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
          while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
          return s;
        };
        expect(sum16(frame.subarray(14, 34))).toBe(0xffff);
        const udp = frame.subarray(34);
        expect(sum16(udp, sum16(frame.subarray(26, 34)) + 17 + udp.length)).toBe(0xffff);
      }),
    );
  });

  it('rejects payloads an IPv4 packet cannot hold and non-IPv4 addresses', () => {
    const base = { timeNs: 0n, srcIp: '127.0.0.1', srcPort: 1, dstIp: '127.0.0.1', dstPort: 2 };
    expect(() => ethernetIpv4UdpFrame({ ...base, payload: new Uint8Array(MAX_IPV4_UDP_PAYLOAD + 1) })).toThrow(/exceed/);
    expect(() => ethernetIpv4UdpFrame({ ...base, srcIp: '::1', payload: new Uint8Array(1) })).toThrow(/IPv4/);
  });

  it('is total: random bytes, and random corruptions of a valid file, decode or throw DecodeError', () => {
    const valid = pcapOfUdpDatagrams([
      { timeNs: 1n, srcIp: '10.0.0.1', srcPort: 7400, dstIp: '239.255.0.1', dstPort: 7400, payload: new Uint8Array(40) },
      { timeNs: 2n, srcIp: '10.0.0.2', srcPort: 7410, dstIp: '10.0.0.1', dstPort: 7411, payload: new Uint8Array(3) },
    ]);
    const corrupt = fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.nat(255)), { maxLength: 6 })
      .chain((edits) => fc.nat(valid.length).map((cut) => ({ edits, cut })))
      .map(({ edits, cut }) => {
        const b = valid.slice(0, cut);
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        return b;
      });
    const header = (magic: number): fc.Arbitrary<Uint8Array> =>
      fc.uint8Array({ maxLength: 200 }).map((tail) => {
        const b = new Uint8Array(24 + tail.length);
        new DataView(b.buffer).setUint32(0, magic, true);
        b.set(tail, 24);
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), corrupt, header(PCAP_MAGIC_NANOS)), (bytes) => {
        const r = attempt(() => {
          const file = readPcap(bytes);
          return { file, frames: udpFrames(file) };
        });
        if (!r.ok) expect(r.error).toBeInstanceOf(DecodeError);
      }),
      { numRuns: 2000 },
    );
  });

  it('extraction is total over random frames of every supported link type', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 101, 113, 228, 229, 276), fc.uint8Array({ maxLength: 120 }), (linkType, frame) => {
        const r = attempt(() => extractUdp(linkType, frame, 0n));
        if (!r.ok) expect(r.error).toBeInstanceOf(DecodeError);
      }),
      { numRuns: 3000 },
    );
  });

  it('names pcapng and unknown magics in its error', () => {
    expect(() => readPcap(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0))).toThrow(/pcapng/);
    expect(() => readPcap(new Uint8Array(24))).toThrow(/not a pcap file/);
  });

  it('finds UDP in every link type: SLL, SLL2, null (either byte order), raw IPv4 and IPv6 with an extension header', () => {
    const ipUdp = ethernetIpv4UdpFrame({ timeNs: 0n, srcIp: '1.2.3.4', srcPort: 5, dstIp: '6.7.8.9', dstPort: 10, payload: Uint8Array.of(0xaa, 0xbb) }).subarray(14);
    const expectUdp = (linkType: number, frame: Uint8Array, src: string, dst: string): void => {
      const d = extractUdp(linkType, frame, 0n);
      expect('skipped' in d ? d.skipped : { src: d.srcIp, dst: d.dstIp, payload: Array.from(d.payload) }).toEqual({ src, dst, payload: [0xaa, 0xbb] });
    };
    const sll = new Uint8Array(16 + ipUdp.length);
    sll.set([0x08, 0x00], 14);
    sll.set(ipUdp, 16);
    expectUdp(LinkType.LINUX_SLL, sll, '1.2.3.4', '6.7.8.9');
    const sll2 = new Uint8Array(20 + ipUdp.length);
    sll2.set([0x08, 0x00], 0);
    sll2.set(ipUdp, 20);
    expectUdp(LinkType.LINUX_SLL2, sll2, '1.2.3.4', '6.7.8.9');
    for (const family of [[2, 0, 0, 0], [0, 0, 0, 2]]) {
      const nul = new Uint8Array(4 + ipUdp.length);
      nul.set(family, 0);
      nul.set(ipUdp, 4);
      expectUdp(LinkType.NULL, nul, '1.2.3.4', '6.7.8.9');
    }
    expectUdp(LinkType.RAW, ipUdp, '1.2.3.4', '6.7.8.9');
    // IPv6 with a hop-by-hop options header (8 bytes) before UDP.
    const udp = Uint8Array.of(0, 5, 0, 10, 0, 10, 0, 0, 0xaa, 0xbb);
    const v6 = new Uint8Array(40 + 8 + udp.length);
    v6[0] = 0x60;
    new DataView(v6.buffer).setUint16(4, 8 + udp.length);
    v6[6] = 0; // hop-by-hop
    v6[23] = 1; // src ::1
    v6.set([0xfe, 0x80], 24);
    v6[39] = 2; // dst fe80::2
    v6[40] = 17; // next: UDP
    v6.set(udp, 48);
    expectUdp(LinkType.IPV6, v6, '::1', 'fe80::2');
  });

  it('skips IP fragments and non-UDP, and says why', () => {
    const frame = ethernetIpv4UdpFrame({ timeNs: 0n, srcIp: '1.2.3.4', srcPort: 5, dstIp: '6.7.8.9', dstPort: 10, payload: new Uint8Array(4) });
    const fragment = frame.slice();
    fragment[20] = 0x20; // MF
    expect(extractUdp(LinkType.ETHERNET, fragment, 0n)).toEqual({ skipped: expect.stringMatching(/fragment/) });
    const tcp = frame.slice();
    tcp[23] = 6;
    expect(extractUdp(LinkType.ETHERNET, tcp, 0n)).toEqual({ skipped: 'IP protocol 6' });
  });

  it('formats IPv6 addresses as RFC 5952 does', () => {
    const a = (...groups: number[]): Uint8Array => Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]));
    expect(ipv6ToString(a(0, 0, 0, 0, 0, 0, 0, 1))).toBe('::1');
    expect(ipv6ToString(a(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1))).toBe('2001:db8::1:0:0:1');
    expect(ipv6ToString(a(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1))).toBe('2001:db8:0:1:1:1:1:1');
    expect(ipv6ToString(a(0, 0, 0, 0, 0, 0, 0, 0))).toBe('::');
  });

  it('reads the committed Cyclone captures (Ethernet and Linux cooked v2)', () => {
    for (const [name, linkType] of [['cyclone-pingpong.pcap', LinkType.ETHERNET], ['cyclone-pubsub.pcap', LinkType.LINUX_SLL2], ['cyclone-loss.pcap', LinkType.ETHERNET]] as const) {
      const file = readPcap(readFileSync(fixture(name)));
      expect(file.linkType).toBe(linkType);
      const frames = udpFrames(file);
      expect(frames.filter((f) => 'skipped' in f)).toEqual([]);
      const rtps = frames.filter((f) => !('skipped' in f) && f.payload.length >= 20 && new TextDecoder().decode(f.payload.subarray(0, 4)) === 'RTPS');
      expect(rtps.length).toBeGreaterThan(50);
    }
  });
});

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

describe.skipIf(skipUnless('pcap codec vs Wireshark tools', 'tshark', 'editcap'))('classic pcap codec vs Wireshark tools', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtps-pod-pcap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (cmd: string, args: string[]): string => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  it('tshark reads what we write, in both byte orders and both resolutions, with the same timestamps and UDP', () => {
    const ds = fc.sample(datagram, { numRuns: 20, seed: 3 });
    for (const littleEndian of [true, false]) {
      for (const nanosecond of [false, true]) {
        const path = join(dir, `w-${littleEndian}-${nanosecond}.pcap`);
        const records = ds.map((d, i) => ({ timeNs: d.timeNs, data: ethernetIpv4UdpFrame(d, i) }));
        writeFileSync(path, writePcap({ littleEndian, nanosecond, linkType: LinkType.ETHERNET, records }));
        const lines = run('tshark', ['-r', path, '-T', 'fields', '-E', 'separator=,', '-e', 'frame.time_epoch', '-e', 'ip.src', '-e', 'udp.srcport', '-e', 'ip.dst', '-e', 'udp.dstport', '-e', 'udp.length'])
          .trim()
          .split('\n');
        const scale = nanosecond ? 1n : 1000n;
        expect(lines).toEqual(
          ds.map((d) => {
            const ns = (d.timeNs / scale) * scale;
            const epoch = `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
            return [epoch, d.srcIp, d.srcPort, d.dstIp, d.dstPort, d.payload.length + 8].join(',');
          }),
        );
      }
    }
  });

  it('reads the nanosecond conversion editcap makes of a fixture as the same records', () => {
    const path = join(dir, 'ns.pcap');
    run('editcap', ['-F', 'nsecpcap', fixture('cyclone-pubsub.pcap'), path]);
    const micro = readPcap(readFileSync(fixture('cyclone-pubsub.pcap')));
    const nano = readPcap(readFileSync(path));
    expect(nano.nanosecond).toBe(true);
    expect(micro.nanosecond).toBe(false);
    expect(nano.records.map((r) => [r.timeNs, Array.from(r.data)])).toEqual(micro.records.map((r) => [r.timeNs, Array.from(r.data)]));
  });
});
