import type { Argv, CommandModule } from 'yargs';
import { cryptoRandom } from '../../runtime/crypto-random.js';
import { DONE_LINE } from '../../shapes/format.js';
import { roleWarnings, type ShapesOptions } from '../../shapes/options.js';
import { runPublisher, runSubscriber } from '../../shapes/shapes-app.js';
import { checkDomain, checkInteger } from '../options/parse.js';
import { closeSession, runUntilStopped, sessionFromArgs } from '../run-session.js';
import { UsageError } from '../usage-error.js';

/** The flags exactly as shape_main spells them (single-letter ones are case-sensitive). */
export interface ShapesArgs {
  P?: boolean;
  S?: boolean;
  d: number;
  b?: boolean;
  r?: boolean;
  k?: number;
  f: number;
  s: number;
  t?: string;
  c?: string;
  p?: string;
  D: string;
  x: string;
  w: boolean;
  z: number;
  R: boolean;
  v?: string;
  'write-period': number;
  'read-period': number;
  'time-filter': number;
  lifespan: number;
  'num-iterations': number;
  'num-instances': number;
  'num-topics': number;
  'final-instance-state'?: string;
  'additional-payload-size': number;
  'size-modulo': number;
  'take-read': boolean;
  'periodic-announcement': number;
  'datafrag-size': number;
  cft?: string;
  interface?: string;
  peer: string[];
  multicast: boolean;
  'participant-id'?: number;
}

export function shapesBuilder(y: Argv): Argv<ShapesArgs> {
  return y
    .option('P', { type: 'boolean', describe: 'publish samples' })
    .option('S', { type: 'boolean', describe: 'subscribe samples' })
    .option('d', { type: 'number', default: 0, describe: 'domain id' })
    .option('b', { type: 'boolean', describe: 'BEST_EFFORT reliability' })
    .option('r', { type: 'boolean', describe: 'RELIABLE reliability (the default)' })
    .option('k', { type: 'number', describe: 'keep history depth [0: KEEP_ALL] (default: KEEP_LAST 1)' })
    .option('f', { type: 'number', default: 0, describe: "set a 'deadline' with interval (ms) [0: OFF]" })
    .option('s', { type: 'number', default: -1, describe: 'set ownership strength [-1: SHARED]' })
    .option('t', { type: 'string', describe: 'set the topic name (Square, Circle, Triangle...)' })
    .option('c', { type: 'string', describe: 'set color to publish (filter if subscriber)' })
    .option('p', { type: 'string', describe: "set a 'partition' string" })
    .option('D', { type: 'string', default: 'v', describe: 'set durability [v: VOLATILE, l: TRANSIENT_LOCAL, t: TRANSIENT, p: PERSISTENT]' })
    .option('x', { type: 'string', default: '1', describe: 'set data representation [1: XCDR, 2: XCDR2]' })
    .option('w', { type: 'boolean', default: false, describe: "print Publisher's samples" })
    .option('z', { type: 'number', default: 20, describe: 'set shapesize (0: increase the size for every sample)' })
    .option('R', { type: 'boolean', default: false, describe: "use 'read()' instead of 'take()'" })
    .option('v', { type: 'string', describe: 'set log message verbosity [e: ERROR, d: DEBUG]' })
    .option('write-period', { type: 'number', default: 33, describe: "waiting period between 'write()' operations in ms" })
    .option('read-period', { type: 'number', default: 100, describe: "waiting period between 'read()' or 'take()' operations in ms" })
    .option('time-filter', { type: 'number', default: 0, describe: "apply 'time based filter' with interval in ms [0: OFF]" })
    .option('lifespan', { type: 'number', default: 0, describe: 'indicates the lifespan of a sample in ms' })
    .option('num-iterations', { type: 'number', default: 0, describe: 'number of iterations of the main loop, then exit (default: infinite)' })
    .option('num-instances', { type: 'number', default: 1, describe: 'instances a DataWriter writes: BLUE, BLUE1, BLUE2...' })
    .option('num-topics', { type: 'number', default: 1, describe: 'topics (and a DataReader or DataWriter per topic): Square, Square1...' })
    .option('final-instance-state', { type: 'string', describe: 'after the last write: u: unregister, d: dispose' })
    .option('additional-payload-size', { type: 'number', default: 0, describe: 'octets added to the samples written (large data)' })
    .option('size-modulo', { type: 'number', default: 0, describe: 'with -z 0, keep shapesize in [1, N]' })
    .option('take-read', { type: 'boolean', default: false, describe: 'uses take()/read() instead of take_next_instance() read_next_instance() (same output here)' })
    .option('periodic-announcement', { type: 'number', default: 0, describe: 'periodic participant announcement period in ms (accepted, not used)' })
    .option('datafrag-size', { type: 'number', default: 0, describe: 'data fragment size (accepted, not used: fragments follow the interface MTU)' })
    .option('cft', { type: 'string', describe: 'ContentFilteredTopic filter expression (not supported: prints a warning)' })
    .option('interface', { type: 'string', describe: 'network interface name or address to use' })
    .option('peer', { type: 'string', array: true, default: [] as string[], describe: 'initial peer address[:port], repeatable' })
    .option('multicast', { type: 'boolean', default: true, describe: 'SPDP multicast discovery (--no-multicast: only --peer)' })
    .option('participant-id', { type: 'number', describe: 'participant index for the port mapping' })
    .example('$0 shapes -P -t Square -c RED -w', 'publish a red square on domain 0 and print every sample written')
    .epilog(
      'The command-line contract of shape_main from the OMG DDS-RTPS interoperability tests (github.com/omg-dds/dds-rtps): ' +
        'same flags, same printed lines, so interoperability_report.py can drive it. Type ShapeType ' +
        '{ @key string<128> color; long x; long y; long shapesize; sequence<octet> additional_payload_size; } (appendable).',
    ) as unknown as Argv<ShapesArgs>;
}

/** shape_main's validation, as UsageErrors (exit 2). */
export function shapesOptions(a: ShapesArgs): ShapesOptions {
  if (a.t === undefined) throw new UsageError('please specify topic name [-t]');
  if (a.P !== true && a.S !== true) throw new UsageError('please specify publish [-P] or subscribe [-S]');
  if (a.P === true && a.S === true) throw new UsageError('please specify only one of: publish [-P] or subscribe [-S]');
  if (a.cft !== undefined && a.c !== undefined && a.S === true) throw new UsageError('error: cannot specify both --cft and -c for subscriber applications');
  const durability = ({ v: 'volatile', l: 'transient-local', t: 'transient', p: 'persistent' } as const)[a.D as 'v'];
  if (durability === undefined) throw new UsageError(`unrecognized value for durability ${a.D}`);
  if (a.x !== '1' && a.x !== '2') throw new UsageError(`unrecognized value for data representation ${a.x}`);
  const fis = a['final-instance-state'];
  if (fis !== undefined && fis !== 'u' && fis !== 'd') throw new UsageError(`unrecognized value for final-instance-state ${fis}`);
  if (a.v !== undefined && a.v !== 'e' && a.v !== 'd') throw new UsageError(`unrecognized value for verbosity ${a.v}`);
  if (!Number.isInteger(a.s) || a.s < -1) throw new UsageError(`incorrect value for ownership_strength ${a.s}`);
  return {
    role: a.P === true ? 'publisher' : 'subscriber',
    domainId: checkDomain(a.d),
    reliable: a.b !== true,
    historyDepth: a.k === undefined ? undefined : checkInteger(a.k, '-k', 0),
    deadlineMs: checkInteger(a.f, '-f', 0),
    ownershipStrength: a.s,
    topic: a.t,
    color: a.c,
    partition: a.p,
    durability,
    dataRepresentation: a.x === '2' ? 2 : 1,
    printWriterSamples: a.w,
    shapesize: checkInteger(a.z, '-z', 0),
    useRead: a.R,
    writePeriodMs: checkInteger(a['write-period'], '--write-period', 1),
    readPeriodMs: checkInteger(a['read-period'], '--read-period', 1),
    timeFilterMs: checkInteger(a['time-filter'], '--time-filter', 0),
    lifespanMs: checkInteger(a.lifespan, '--lifespan', 0),
    numIterations: checkInteger(a['num-iterations'], '--num-iterations', 0),
    numInstances: checkInteger(a['num-instances'], '--num-instances', 1),
    numTopics: checkInteger(a['num-topics'], '--num-topics', 1),
    finalInstanceState: fis === 'u' ? 'unregister' : fis === 'd' ? 'dispose' : undefined,
    additionalPayloadSize: checkInteger(a['additional-payload-size'], '--additional-payload-size', 0),
    sizeModulo: checkInteger(a['size-modulo'], '--size-modulo', 0),
  };
}

export const shapesCommand: CommandModule<object, ShapesArgs> = {
  command: 'shapes',
  describe: 'The OMG interoperability shapes application (shape_main flags and output)',
  builder: shapesBuilder,
  handler: async (a) => {
    const o = shapesOptions(a);
    const given = new Set(process.argv.slice(2).filter((s) => s.startsWith('-')).map((s) => s.replace(/^-+/, '').split('=')[0]!));
    if (o.color === undefined && o.role === 'publisher') process.stderr.write('warning: color was not specified, defaulting to "BLUE"\n');
    for (const w of roleWarnings(o, given)) process.stderr.write(`${w}\n`);
    if (a.cft !== undefined) process.stderr.write('warning: content filtered topic not supported, normal topic used\n');
    const session = await sessionFromArgs({
      domain: o.domainId,
      peer: a.peer,
      multicast: a.multicast,
      verbose: a.v === 'd',
      ...(a.interface !== undefined ? { interface: a.interface } : {}),
      ...(a['participant-id'] !== undefined ? { 'participant-id': a['participant-id'] } : {}),
    });
    const print = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    const app = o.role === 'publisher' ? runPublisher(session, o, cryptoRandom(), print) : runSubscriber(session, o, print);
    const signal = runUntilStopped(undefined);
    void signal.done.then(() => app.stop());
    await app.done;
    signal.stop();
    // Let the final unregister/dispose reach reliable readers before the participant leaves.
    if (o.finalInstanceState !== undefined) await new Promise((r) => setTimeout(r, 200));
    await closeSession(session, a.v === 'd');
    print(DONE_LINE);
  },
};
