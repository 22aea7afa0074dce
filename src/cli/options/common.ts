import type { Argv } from 'yargs';

/** Flags every networked command shares. */
export interface NetworkArgs {
  domain: number;
  interface?: string;
  peer: string[];
  'participant-id'?: number;
  multicast: boolean;
  'user-multicast'?: boolean;
  verbose: boolean;
}

/** Flags of the measuring commands (ping, pong, pub, sub). */
export interface MeasureArgs extends NetworkArgs {
  reliable: boolean;
  'best-effort': boolean;
  json?: boolean;
  csv?: boolean;
}

export function networkOptions<T>(y: Argv<T>): Argv<T & NetworkArgs> {
  return y
    .option('domain', { alias: 'd', type: 'number', default: 0, describe: 'DDS domain id (selects the UDP ports: 7400 + 250 × domain + ...)' })
    .option('interface', { alias: 'i', type: 'string', describe: 'network interface name or address to use (default: first non-loopback IPv4, else lo)' })
    .option('peer', { type: 'string', array: true, default: [] as string[], describe: 'initial peer address[:port] to send discovery to, repeatable (for networks without multicast)' })
    .option('participant-id', { type: 'number', describe: 'participant index for the port mapping (default: first free from 0)' })
    .option('multicast', { type: 'boolean', default: true, describe: 'discover peers through SPDP multicast 239.255.0.1 (--no-multicast: only through --peer)' })
    .option('user-multicast', { type: 'boolean', describe: 'also receive user data on the multicast port (7401 + 250 × domain) and announce it' })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'print discovery, matching, dropped datagrams and why' }) as unknown as Argv<T & NetworkArgs>;
}

export function measureOptions<T>(y: Argv<T>): Argv<T & MeasureArgs> {
  return networkOptions(y)
    .option('reliable', { type: 'boolean', default: true, describe: 'reliable delivery (the ddsperf default, topics DDSPerfR...)' })
    .option('best-effort', { type: 'boolean', default: false, describe: 'best-effort delivery (like ddsperf -u, topics DDSPerfU...)' })
    .option('json', { type: 'boolean', describe: 'print the results as one JSON document' })
    .option('csv', { type: 'boolean', describe: 'print the results as CSV (header line first)' })
    .conflicts('json', 'csv') as unknown as Argv<T & MeasureArgs>;
}

/** --best-effort wins over the default --reliable. */
export function isReliable(a: MeasureArgs): boolean {
  return a.reliable && !a['best-effort'];
}
