import { isParamName, type ParamName } from '../datapath/defaults.js';
import type { RtpsScenario } from '../scenario/rtps-types.js';
import { checkFindings, type FindingCheck } from './findings.js';
import { isRtpsParamName, type RtpsParamName } from './defaults.js';
import { simulateRtps, type RtpsRow, type SimulateRtpsOptions } from './simulate.js';

/** One point of an RTPS sweep: every cluster's rows with the parameter at `value`, and the findings there. */
export interface RtpsSweepPoint {
  readonly value: number;
  readonly rows: readonly RtpsRow[];
  readonly findings: readonly FindingCheck[];
}

export interface RtpsSweepResult {
  readonly parameter: ParamName | RtpsParamName;
  readonly points: readonly RtpsSweepPoint[];
}

/**
 * What-if curve over one parameter of either table (netem's datapath defaults or the DDS process costs), set
 * for every cluster: e.g. how large `cpu.vxlan.perPacketNs` must be for the RTT ranking to change.
 * Counterfactuals are not run at each point.
 */
export function sweepRtps(
  s: RtpsScenario,
  parameter: string,
  values: readonly number[],
  o: Omit<SimulateRtpsOptions, 'counterfactuals' | 'pcapSink'>,
): RtpsSweepResult {
  if (!isParamName(parameter) && !isRtpsParamName(parameter)) throw new RangeError(`unknown parameter ${parameter}`);
  const points = values.map((value): RtpsSweepPoint => {
    const variant: RtpsScenario = isRtpsParamName(parameter)
      ? { ...s, rtpsParameters: { ...s.rtpsParameters, [parameter]: value } }
      : { ...s, parameters: { ...s.parameters, [parameter]: value }, clusters: s.clusters.map((c) => ({ ...c, parameters: { ...c.parameters, [parameter]: value } })) };
    const r = simulateRtps(variant, { ...o, counterfactuals: false });
    return { value, rows: r.rows, findings: checkFindings(variant, r.rows) };
  });
  return { parameter, points };
}
