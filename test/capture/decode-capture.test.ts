import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeError } from '../../rtps/index.js';
import { decodeCapture } from '../../src/capture/decode-capture.js';
import { pcapOfUdpDatagrams } from '../../netem/pcap/index.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('decodeCapture (behind `rtps-pod decode`)', () => {
  it('finds every RTPS message of a Cyclone DDS capture and counts submessages by kind', () => {
    const r = decodeCapture(fixture('cyclone-pubsub.pcap'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { summary, messages } = r.value;
    expect(summary.malformed).toBe(0);
    expect(summary.rtpsMessages).toBe(messages.length);
    expect(summary.rtpsMessages + summary.notRtps).toBe(summary.udpDatagrams);
    const counted = Object.values(summary.submessages).reduce((a, b) => a + b, 0);
    expect(counted).toBe(messages.reduce((n, m) => n + (m.message?.submessages.length ?? 0), 0));
    expect(summary.submessages['HEARTBEAT']).toBeGreaterThan(0);
  });

  it('counts a datagram with the RTPS magic but a broken header as malformed, and skips non-RTPS datagrams', () => {
    const rtps = new Uint8Array([0x52, 0x54, 0x50, 0x53, 2, 5]); // header cut short
    const other = new TextEncoder().encode('not rtps at all');
    const pcap = pcapOfUdpDatagrams([
      { timeNs: 1n, srcIp: '127.0.0.1', srcPort: 1, dstIp: '127.0.0.1', dstPort: 7400, payload: rtps },
      { timeNs: 1n, srcIp: '127.0.0.1', srcPort: 1, dstIp: '127.0.0.1', dstPort: 7400, payload: other },
    ]);
    const r = decodeCapture(pcap);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.summary).toMatchObject({ udpDatagrams: 2, rtpsMessages: 1, notRtps: 1, malformed: 1 });
    expect(r.value.messages[0]?.error).toBeInstanceOf(DecodeError);
  });

  it('returns a DecodeError, never throws, for any bytes that are not a pcap', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const r = decodeCapture(bytes);
        if (!r.ok) expect(r.error).toBeInstanceOf(DecodeError);
      }),
    );
  });
});
