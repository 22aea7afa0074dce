// Classic-pcap codec and UDP framing: bytes in, bytes out, for fixtures and for dissector cross-checks.
export * from './pcap-file.js';
export * from './link-type.js';
export * from './ip-address.js';
export * from './udp-extract.js';
export * from './udp-frame.js';
