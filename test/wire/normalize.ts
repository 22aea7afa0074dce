// Decoded submessages carry what an encoder does not need (the absolute offsets of parameter values);
// this strips them so that a decoded submessage can be compared with the one that was encoded.
import type { Parameter, Submessage } from '../../rtps/index.js';

function stripParameters(ps: readonly Parameter[] | undefined): Parameter[] | undefined {
  return ps?.map((p) => ({ pid: p.pid, value: p.value }));
}

export function normalizeSubmessage(sm: Submessage): Submessage {
  if (sm.kind === 'DATA' || sm.kind === 'DATA_FRAG') return { ...sm, inlineQos: stripParameters(sm.inlineQos) };
  return sm;
}
