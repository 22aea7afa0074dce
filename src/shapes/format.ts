/**
 * The exact lines shape_main (omg-dds/dds-rtps srcCxx/shape_main.cxx) prints; the interoperability_report
 * script matches them, so they are reproduced character for character (including the two spaces before
 * "type:" and printf's %-10s / %03d padding).
 */

/** printf("%-10s", s). */
function left10(s: string): string {
  return s.padEnd(10, ' ');
}

/** printf("%03d", n): zero-padded to three characters, sign first. */
function pad3(n: number): string {
  return n < 0 ? `-${String(-n).padStart(2, '0')}` : String(n).padStart(3, '0');
}

export function createTopicLine(topic: string): string {
  return `Create topic: ${topic}`;
}

export function createWriterLine(topic: string, color: string): string {
  return `Create writer for topic: ${topic} color: ${color}`;
}

export function createReaderLine(topic: string): string {
  return `Create reader for topic: ${topic}`;
}

/** A published or received sample: `Square     BLUE       027 135 [30]`, then ` {255}` with extra payload. */
export function sampleLine(topic: string, color: string, x: number, y: number, shapesize: number, payload?: Uint8Array): string {
  const extra = payload !== undefined && payload.length > 0 ? ` {${payload[payload.length - 1]}}` : '';
  return `${left10(topic)} ${left10(color)} ${pad3(x)} ${pad3(y)} [${shapesize}]${extra}`;
}

export function instanceStateLine(topic: string, color: string, state: 'NOT_ALIVE_NO_WRITERS_INSTANCE_STATE' | 'NOT_ALIVE_DISPOSED_INSTANCE_STATE'): string {
  return `${left10(topic)} ${left10(color)} ${state}`;
}

export function publicationMatchedLine(topic: string, type: string, current: number, change: number): string {
  return `on_publication_matched() topic: '${topic}'  type: '${type}' : matched readers ${current} (change = ${change})`;
}

export function subscriptionMatchedLine(topic: string, type: string, current: number, change: number): string {
  return `on_subscription_matched() topic: '${topic}'  type: '${type}' : matched writers ${current} (change = ${change})`;
}

/** DDS QosPolicyId_t values (DDS 1.4 2.3.3 IDL) and the names shape_main prints for them. */
export const QOS_POLICY_IDS: Readonly<Record<string, number>> = {
  USERDATA: 1,
  DURABILITY: 2,
  PRESENTATION: 3,
  DEADLINE: 4,
  LATENCYBUDGET: 5,
  OWNERSHIP: 6,
  OWNERSHIPSTRENGTH: 7,
  LIVELINESS: 8,
  TIMEBASEDFILTER: 9,
  PARTITION: 10,
  RELIABILITY: 11,
  DESTINATIONORDER: 12,
  HISTORY: 13,
  RESOURCELIMITS: 14,
  DATA_REPRESENTATION: 23,
};

/** Our policy names (LATENCY_BUDGET, DESTINATION_ORDER...) as shape_main spells them. */
export function shapePolicyName(name: string): string {
  const squeezed = name === 'DATA_REPRESENTATION' ? name : name.replace(/_/g, '');
  return QOS_POLICY_IDS[squeezed] === undefined ? 'Unknown' : squeezed;
}

export function incompatibleQosLine(role: 'writer' | 'reader', topic: string, type: string, policy: string): string {
  const name = shapePolicyName(policy);
  const fn = role === 'writer' ? 'on_offered_incompatible_qos' : 'on_requested_incompatible_qos';
  return `${fn}() topic: '${topic}'  type: '${type}' : ${QOS_POLICY_IDS[name] ?? 0} (${name})`;
}

export function deadlineMissedLine(role: 'writer' | 'reader', topic: string, type: string, total: number, change: number): string {
  const fn = role === 'writer' ? 'on_offered_deadline_missed' : 'on_requested_deadline_missed';
  return `${fn}() topic: '${topic}'  type: '${type}' : (total = ${total}, change = ${change})`;
}

export function livelinessChangedLine(topic: string, type: string, alive: number, notAlive: number): string {
  return `on_liveliness_changed() topic: '${topic}'  type: '${type}' : (alive = ${alive}, not_alive = ${notAlive})`;
}

export const DONE_LINE = 'Done.';
