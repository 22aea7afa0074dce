// Unit test: starts no DDS peer and opens no socket (live ddsperf peers run only in private network namespaces, test/support/netns.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocatorKind } from '../../rtps/index.js';
import { pingSettings } from '../../src/cli/commands/ping.js';
import { parseRate } from '../../src/cli/commands/pub.js';
import { checkDomain, checkSampleSize, parseOctets, parsePeer, parseSweep } from '../../src/cli/options/parse.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { socketAddressOf } from '../../src/transport/locator-address.js';

describe('flag values', () => {
  it('reads octet counts with ddsperf units (k = 1024)', () => {
    expect(parseOctets('50000', '--size')).toBe(50_000);
    expect(parseOctets('1k', '--size')).toBe(1024);
    expect(parseOctets('2KiB', '--size')).toBe(2048);
    expect(parseOctets('1M', '--size')).toBe(1_048_576);
    for (const bad of ['', 'ten', '1.5', '-3', '1q']) expect(() => parseOctets(bad, '--size')).toThrow(UsageError);
  });

  it('expands --sweep start:stop:step inclusively', () => {
    expect(parseSweep('5000:50000:5000')).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.nat(), (start, n, step, extra) => {
        const span = (n - 1) * step + (extra % step);
        const sizes = parseSweep(`${start}:${start + span}:${step}`);
        expect(sizes[0]).toBe(start);
        expect(sizes.length).toBe(n);
        expect(sizes.every((s, i) => s === start + i * step)).toBe(true);
      }),
    );
    for (const bad of ['5000:50000', '10:1:1', '1:10:0', 'a:b:c', '0:100000:1', '0:1000000000000:1']) expect(() => parseSweep(bad)).toThrow(UsageError);
  });

  it('turns --size lists, --sweep, --count and --duration into ping settings', () => {
    expect(pingSettings({ size: '12,5000', timeout: 1000, wait: 10 }, true)).toMatchObject({ sizes: [12, 5000], count: 1000, timeoutMs: 1000, waitMs: 10_000 });
    expect(pingSettings({ sweep: '12:36:12', duration: 2, timeout: 500, wait: 1 }, false)).toMatchObject({ sizes: [12, 24, 36], durationMs: 2000, reliable: false });
    expect(pingSettings({ sweep: '12:36:12', duration: 2, timeout: 500, wait: 1 }, false)).not.toHaveProperty('count');
    expect(() => pingSettings({ size: '11', timeout: 1000, wait: 10 }, true)).toThrow(/--size must be 0 or between 12/);
    expect(() => pingSettings({ size: '12', count: 0, timeout: 1000, wait: 10 }, true)).toThrow(/--count/);
  });

  it('accepts sample sizes ddsperf accepts', () => {
    expect(checkSampleSize(0, '--size')).toBe(0);
    expect(checkSampleSize(12, '--size')).toBe(12);
    expect(() => checkSampleSize(5, '--size')).toThrow(UsageError);
    expect(() => checkSampleSize(1.5, '--size')).toThrow(UsageError);
  });

  it('reads rates in Hz, kHz or inf', () => {
    expect(parseRate('1000')).toBe(1000);
    expect(parseRate('2kHz')).toBe(2000);
    expect(parseRate('50Hz')).toBe(50);
    expect(parseRate('inf')).toBe(Infinity);
    for (const bad of ['0', 'fast', '-1', '1MHz']) expect(() => parseRate(bad)).toThrow(UsageError);
  });

  it('reads --peer as an address with an optional port (port 0: probe the well-known ports)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), (ip, port) => {
        const l = parsePeer(port === undefined ? ip : `${ip}:${port}`);
        expect(l.kind).toBe(LocatorKind.UDPv4);
        expect(socketAddressOf(l)).toEqual({ address: ip, port: port ?? 0, family: 'IPv4' });
      }),
    );
    expect(parsePeer('[fd00::1]:7410')).toMatchObject({ kind: LocatorKind.UDPv6, port: 7410 });
    expect(parsePeer('fd00::1')).toMatchObject({ kind: LocatorKind.UDPv6, port: 0 });
    for (const bad of ['host.example', '10.0.0.1:99999', '300.1.1.1', '']) expect(() => parsePeer(bad)).toThrow(UsageError);
  });

  it('accepts the domains whose ports fit 16 bits', () => {
    expect(checkDomain(0)).toBe(0);
    expect(checkDomain(232)).toBe(232);
    expect(() => checkDomain(233)).toThrow(UsageError);
    expect(() => checkDomain(-1)).toThrow(UsageError);
  });
});
