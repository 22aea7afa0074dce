import { describe, expect, it } from 'vitest';
import * as pids from '../../rtps/discovery/pid.js';
import { PID_NAMES, pidName } from '../../rtps/discovery/pid.js';
import { keyHashParameter, readStatusInfo, statusInfoParameter, StatusInfo } from '../../rtps/discovery/index.js';
import { EncodeError } from '../../rtps/index.js';

describe('ParameterId table (9.6.2.2, 9.6.4)', () => {
  it('names every exported PID_* constant by its own name, and no two share a number', () => {
    const exported = Object.entries(pids).filter(([k, v]) => k.startsWith('PID_') && typeof v === 'number') as [string, number][];
    for (const [name, value] of exported) expect(PID_NAMES.get(value)).toBe(name);
    expect(new Set(exported.map(([, v]) => v)).size).toBe(exported.length);
    // The two framing ids live in rtps/wire and are named here too.
    expect(PID_NAMES.size).toBe(exported.length + 2);
  });

  it('matches the numbers Wireshark and Cyclone DDS use for the ones peers care most about', () => {
    expect([pids.PID_PARTICIPANT_GUID, pids.PID_ENDPOINT_GUID, pids.PID_TOPIC_NAME, pids.PID_TYPE_NAME]).toEqual([0x50, 0x5a, 0x05, 0x07]);
    expect([pids.PID_KEY_HASH, pids.PID_STATUS_INFO, pids.PID_DATA_REPRESENTATION, pids.PID_TYPE_INFORMATION]).toEqual([0x70, 0x71, 0x73, 0x75]);
    expect([pids.PID_DOMAIN_ID, pids.PID_DOMAIN_TAG, pids.PID_BUILTIN_ENDPOINT_SET, pids.PID_BUILTIN_ENDPOINT_QOS]).toEqual([0x0f, 0x4014, 0x58, 0x77]);
    expect(pidName(0x8007)).toBe('0x8007');
    expect(pidName(0x0002)).toBe('PID_PARTICIPANT_LEASE_DURATION');
  });
});

describe('inline QoS values (9.6.4.8, 9.6.4.9)', () => {
  it('writes status info big-endian whatever the submessage endianness', () => {
    const p = statusInfoParameter(StatusInfo.DISPOSED | StatusInfo.UNREGISTERED);
    expect([...p.value]).toEqual([0, 0, 0, 3]);
    expect(readStatusInfo(p)).toBe(3);
  });

  it('refuses a key hash that is not 16 octets', () => {
    expect(() => keyHashParameter(new Uint8Array(15))).toThrow(EncodeError);
  });
});
