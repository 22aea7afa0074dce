// Discovery data (DDSI-RTPS 2.5 8.5 and 9.6): parameter ids, QoS policies and the typed built-in topic data.
// Re-exported from rtps/index.ts as the `discovery` namespace because some names (HistoryQosPolicy,
// LENGTH_UNLIMITED) are the wire forms of policies rtps/history models differently.
export * from './pid.js';
export * from './parameter-value.js';
export * from './parameter-set.js';
export * from './qos-policies.js';
export * from './qos.js';
export * from './qos-set.js';
export * from './builtin-endpoint-set.js';
export * from './property-list.js';
export * from './content-filter-property.js';
export * from './decode-context.js';
export * from './participant-data.js';
export * from './endpoint-data.js';
export * from './topic-data.js';
export * from './inline-qos.js';
export * from './discovery-payload.js';
