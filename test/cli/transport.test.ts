import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, locatorFor, socketAddressOf } from '../../src/transport/locator-address.js';
import { InterfaceSelectionError, maxDatagramFor, selectInterface } from '../../src/transport/network-interface.js';

const hosts = [
  { name: 'lo', address: '127.0.0.1', family: 'IPv4' as const, internal: true },
  { name: 'lo', address: '::1', family: 'IPv6' as const, internal: true },
  { name: 'eth0', address: 'fd00::2', family: 'IPv6' as const, internal: false },
  { name: 'eth0', address: '10.1.2.3', family: 'IPv4' as const, internal: false },
];

describe('interface selection', () => {
  it('defaults to the first non-loopback IPv4 interface, else loopback', () => {
    expect(selectInterface(undefined, hosts)).toMatchObject({ name: 'eth0', address: '10.1.2.3', loopback: false });
    expect(selectInterface(undefined, hosts.slice(0, 2))).toMatchObject({ name: 'lo', address: '127.0.0.1', loopback: true });
  });

  it('takes a name (IPv4 first) or an address, and names the choices when neither exists', () => {
    expect(selectInterface('eth0', hosts)).toMatchObject({ address: '10.1.2.3', family: 'IPv4' });
    expect(selectInterface('fd00::2', hosts)).toMatchObject({ name: 'eth0', family: 'IPv6' });
    expect(() => selectInterface('wlan9', hosts)).toThrow(InterfaceSelectionError);
    expect(() => selectInterface('wlan9', hosts)).toThrow(/eth0 \(10\.1\.2\.3\)/);
  });

  it('sizes datagrams from the MTU: 65 507 on loopback, 1 472 on Ethernet, 1 452 over IPv6', () => {
    expect(maxDatagramFor(65_536, 'IPv4')).toBe(65_507);
    expect(maxDatagramFor(1500, 'IPv4')).toBe(1472);
    expect(maxDatagramFor(1450, 'IPv4')).toBe(1422);
    expect(maxDatagramFor(1500, 'IPv6')).toBe(1452);
  });
});

describe('locators and socket addresses', () => {
  it('round-trip IPv4 and IPv6 addresses', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        expect(socketAddressOf(locatorFor(ip, port))).toEqual({ address: ip, port, family: 'IPv4' });
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        const back = socketAddressOf(locatorFor(ip, port))!;
        expect(back.family).toBe('IPv6');
        expect(locatorFor(back.address, port)).toEqual(locatorFor(ip, port));
      }),
    );
  });

  it('knows loopback destinations', () => {
    expect(isLoopbackAddress(socketAddressOf(locatorFor('127.0.0.1', 1))!)).toBe(true);
    expect(isLoopbackAddress(socketAddressOf(locatorFor('::1', 1))!)).toBe(true);
    expect(isLoopbackAddress(socketAddressOf(locatorFor('10.0.0.1', 1))!)).toBe(false);
  });
});
