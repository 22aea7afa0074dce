import type { ParameterDefault } from '../datapath/defaults.js';
import type { HostCosts } from './host.js';

const d = (value: number, unit: string, source: string): ParameterDefault => ({ value, unit, source });

/**
 * THE table of the DDS process's CPU costs in netem's RTPS runs, in the style of netem/datapath/defaults.ts: one
 * value per entry with its unit and reason. These model the DDS implementation the scenario measured (C/C++
 * OpenDDS, RTI Connext), NOT the execution time of our TypeScript participant, which only decides what goes on
 * the wire. Defaults are order-of-magnitude estimates for a 2018-era x86 server core; scenarios on other hardware
 * override them under `rtps.parameters:` with their own reasons. All costs run on one core of the pod's node
 * (the DDS receive/send thread), scaled by the node's background load.
 */
export const RTPS_DEFAULTS = {
  'rtps.rx.perDatagramNs': d(2_000, 'ns/datagram', 'estimate: recvmsg syscall (~1 us) + RTPS header/submessage parse and dispatch under the participant lock'),
  'rtps.rx.perByteNs': d(0.1, 'ns/B', 'estimate: one copy out of the socket buffer at ~10 GB/s'),
  'rtps.tx.perDatagramNs': d(2_000, 'ns/datagram', 'estimate: sendmsg syscall through the UDP stack to the qdisc (~1.5 us) + message assembly'),
  'rtps.tx.perByteNs': d(0.1, 'ns/B', 'estimate: one copy into the socket buffer at ~10 GB/s'),
  'rtps.timer.perEventNs': d(1_000, 'ns/event', 'estimate: timer wake-up of the DDS event thread and one heartbeat/announcement decision'),
  'rtps.write.perSampleNs': d(3_000, 'ns/sample', 'estimate: DataWriter::write — CDR serialization set-up, history insert, key hash, locking'),
  'rtps.write.perByteNs': d(0.2, 'ns/B', 'estimate: serializing sequence<octet> is a copy (+ one into the history) at ~5 GB/s'),
  'rtps.take.perSampleNs': d(3_000, 'ns/sample', 'estimate: listener/waitset wake-up + DataReader::take + deserialization set-up'),
  'rtps.take.perByteNs': d(0.2, 'ns/B', 'estimate: deserializing sequence<octet> is a copy at ~5 GB/s'),
} as const satisfies Record<string, ParameterDefault>;

export type RtpsParamName = keyof typeof RTPS_DEFAULTS;
export type RtpsParams = Readonly<Record<RtpsParamName, number>>;

export function isRtpsParamName(name: string): name is RtpsParamName {
  return Object.prototype.hasOwnProperty.call(RTPS_DEFAULTS, name);
}

export function resolveRtpsParams(overrides: Partial<Record<RtpsParamName, number>> = {}): RtpsParams {
  const out = {} as Record<RtpsParamName, number>;
  for (const k of Object.keys(RTPS_DEFAULTS) as RtpsParamName[]) out[k] = overrides[k] ?? RTPS_DEFAULTS[k].value;
  return out;
}

/** The host's per-datagram costs out of the table. */
export function hostCosts(p: RtpsParams): HostCosts {
  return {
    rxPerDatagramNs: p['rtps.rx.perDatagramNs'],
    rxPerByteNs: p['rtps.rx.perByteNs'],
    txPerDatagramNs: p['rtps.tx.perDatagramNs'],
    txPerByteNs: p['rtps.tx.perByteNs'],
    timerNs: p['rtps.timer.perEventNs'],
  };
}

/** The application's per-sample costs (write and take) out of the table. */
export interface SampleCosts {
  readonly writeNs: (bytes: number) => number;
  readonly takeNs: (bytes: number) => number;
}

export function sampleCosts(p: RtpsParams): SampleCosts {
  return {
    writeNs: (n) => p['rtps.write.perSampleNs'] + p['rtps.write.perByteNs'] * n,
    takeNs: (n) => p['rtps.take.perSampleNs'] + p['rtps.take.perByteNs'] * n,
  };
}

export const FREE_SAMPLES: SampleCosts = { writeNs: () => 0, takeNs: () => 0 };
