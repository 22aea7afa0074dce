import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipUnless } from '../support/tools.js';
import { checkCapture, type CaptureReport } from '../support/capture-check.js';

/**
 * Real Cyclone DDS traffic (test/fixtures/capture-cyclone.sh; how it was made: test/fixtures/README.md) judged
 * twice: our decoder must accept every message and re-encode it to the same bytes, and agree with Wireshark's
 * dissector on every field both report, submessage by submessage.
 */
const FIXTURES = {
  'cyclone-pingpong.pcap': ['DATA', 'DATA_FRAG', 'HEARTBEAT', 'HEARTBEAT_FRAG', 'ACKNACK', 'INFO_DST', 'INFO_TS'],
  'cyclone-pubsub.pcap': ['DATA', 'HEARTBEAT', 'ACKNACK', 'INFO_DST', 'INFO_TS'],
  'cyclone-loss.pcap': ['DATA', 'DATA_FRAG', 'HEARTBEAT', 'HEARTBEAT_FRAG', 'ACKNACK', 'NACK_FRAG', 'GAP', 'INFO_DST', 'INFO_TS'],
} as const;
const FIELDS = ['id', 'flags', 'readerId', 'writerId', 'guidPrefix', 'seqNumbers', 'numberSets', 'count', 'locators', 'topicName', 'typeName'];
const FRAGMENT_FIELDS = ['fragmentNumber', 'fragmentsInSubmessage', 'fragmentSize', 'sampleSize'];

describe.skipIf(skipUnless('cyclone-capture', 'tshark'))('Cyclone DDS capture vs our decoder vs tshark', () => {
  for (const [name, kinds] of Object.entries(FIXTURES)) {
    describe(name, () => {
      let memo: CaptureReport | undefined;
      // Computed on first use, not at collection, so a skipped suite never runs tshark.
      const report = (): CaptureReport => (memo ??= checkCapture(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));

      it('holds real traffic of every kind the run produces, and tshark finds nothing wrong with it', () => {
        const r = report();
        console.log(`${name}: ${r.messages.length} RTPS messages; submessages per kind: ${JSON.stringify(r.kinds)}`);
        for (const k of kinds) expect(r.kinds[k] ?? 0, k).toBeGreaterThan(0);
        expect(r.tsharkProblems).toEqual([]);
        expect(r.frameMismatches).toEqual([]);
      });

      it('decodes every message completely', () => {
        const r = report();
        expect(r.undecodable).toEqual([]);
        expect(r.messages.filter((m) => m.decoded.invalidTail !== undefined).map((m) => `frame ${m.frame}: ${m.decoded.invalidTail?.message}`)).toEqual([]);
      });

      it('re-encodes every message to the captured bytes', () => {
        const r = report();
        console.log(`${name}: ${r.messages.length - r.nonCanonical.length}/${r.messages.length} messages re-encode byte-identically`);
        expect(r.nonCanonical).toEqual([]);
      });

      it('agrees with tshark on every submessage: kind, flags, ids, GUID prefixes, sequence and fragment numbers, sets, counts, locators, topic and type names', () => {
        const r = report();
        console.log(`${name}: fields compared (submessages): ${JSON.stringify(r.covered)}`);
        for (const k of [...FIELDS, ...(kinds.includes('DATA_FRAG' as never) ? FRAGMENT_FIELDS : [])]) expect(r.covered[k] ?? 0, k).toBeGreaterThan(0);
        expect(r.mismatches).toEqual([]);
      });
    });
  }
});
