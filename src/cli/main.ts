#!/usr/bin/env node
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UsageError } from './usage-error.js';

// Each command is loaded only when it runs (all of them for --help): the simulator's and the report's modules
// alone take ~30 MB, which a long-running `rtps-pod pong` in a pod should not carry.
const COMMANDS = {
  decode: async (y: Argv) => y.command((await import('./commands/decode.js')).decodeCommand),
  ping: async (y: Argv) => y.command((await import('./commands/ping.js')).pingCommand),
  pong: async (y: Argv) => y.command((await import('./commands/pong.js')).pongCommand),
  pub: async (y: Argv) => y.command((await import('./commands/pub.js')).pubCommand),
  sub: async (y: Argv) => y.command((await import('./commands/sub.js')).subCommand),
  shapes: async (y: Argv) => y.command((await import('./commands/shapes.js')).shapesCommand),
  simulate: async (y: Argv) => y.command((await import('./commands/simulate.js')).simulateCommand),
  explain: async (y: Argv) => y.command((await import('./commands/explain.js')).explainCommand),
  sweep: async (y: Argv) => y.command((await import('./commands/sweep.js')).sweepCommand),
  fit: async (y: Argv) => y.command((await import('./commands/fit.js')).fitCommand),
  reproduce: async (y: Argv) => y.command((await import('./commands/reproduce.js')).reproduceCommand),
} as const;

const args = hideBin(process.argv);
const named = args.find((a) => !a.startsWith('-'));
const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named as keyof typeof COMMANDS] : (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]);
const cli = yargs(args);
for (const name of wanted) await COMMANDS[name](cli);

// Bad flags and bad input files get one line on stderr and exit code 2; a bug still prints its stack.
await cli
  .scriptName('rtps-pod')
  .usage('$0 <command> [options]\n\nA DDSI-RTPS 2.5 peer for Kubernetes pods, and a simulator of pod datapaths.')
  .demandCommand(1, 'Name a command; `rtps-pod --help` lists them.')
  .strict()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((msg: string | undefined, err: Error | undefined) => {
    if (err !== undefined && !(err instanceof UsageError)) throw err;
    process.stderr.write(`rtps-pod: ${msg ?? err?.message ?? 'invalid arguments'} (see --help)\n`);
    process.exit(2);
  })
  .help()
  .alias('h', 'help')
  .version(false)
  .parseAsync();
