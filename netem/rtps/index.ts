/** netem's RTPS surface: the real rtps/ participant over simulated pod datapaths, in virtual time. */
export { AddressBook } from './address-book.js';
export { SimHost, ZERO_HOST_COSTS, type HostCosts, type HostImpairments, type SimHostOptions, type SimHostStats } from './host.js';
export { RTPS_DEFAULTS, resolveRtpsParams, isRtpsParamName, hostCosts, sampleCosts, FREE_SAMPLES, type RtpsParamName, type RtpsParams, type SampleCosts } from './defaults.js';
export { Testbed, type Pod, type PodSpec, type TestbedOptions } from './testbed.js';
export { PingPong, type PingPongOptions, type SizeMeasurement } from './pingpong.js';
export { keyedSeqPayload, keyedSeqNumber, keyedSeqKeyHash, KEYED_SEQ_FIXED, KEYED_SEQ_TYPE_NAME } from './keyed-seq.js';
export { percentile, mean, extent, countBetween, windowCounts, type WindowCounts } from './metrics.js';
export { checkFindings, type FindingCheck, type FindingAtSize } from './findings.js';
export {
  simulateRtps,
  type SimulateRtpsOptions,
  type RtpsResult,
  type RtpsRow,
  type RtpsClusterRun,
  type RtpsProgress,
  type CounterfactualResult,
} from './simulate.js';
export { sweepRtps, type RtpsSweepPoint, type RtpsSweepResult } from './sweep.js';
export { parseRtpsScenario, rtpsScenarioFrom } from '../scenario/rtps.js';
export { parseAnyScenario, anyScenarioFrom, type AnyScenario } from '../scenario/any.js';
export type { RtpsScenario, ClusterDecl, FindingDecl, CounterfactualDecl, RtpsTrafficDecl, RtpsPodDecl, RtpsMetric } from '../scenario/rtps-types.js';
