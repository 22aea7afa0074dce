// Public surface of the sans-I/O protocol core. Each line re-exports one concept.
export * from './codec/decode-error.js';
export * from './codec/byte-reader.js';
export * from './codec/byte-writer.js';
export * from './types/guid.js';
export * from './types/sequence-number.js';
export * from './types/number-set.js';
export * from './types/locator.js';
export * from './types/time.js';
export * from './types/version.js';
export * from './wire/parameter-list.js';
export * from './cdr/encapsulation.js';
