#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { decodeCommand } from './commands/decode.js';
import { explainCommand } from './commands/explain.js';
import { fitCommand } from './commands/fit.js';
import { pingCommand } from './commands/ping.js';
import { pongCommand } from './commands/pong.js';
import { pubCommand } from './commands/pub.js';
import { reproduceCommand } from './commands/reproduce.js';
import { shapesCommand } from './commands/shapes.js';
import { simulateCommand } from './commands/simulate.js';
import { subCommand } from './commands/sub.js';
import { sweepCommand } from './commands/sweep.js';
import { UsageError } from './usage-error.js';

// Bad flags and bad input files get one line on stderr and exit code 2; a bug still prints its stack.
await yargs(hideBin(process.argv))
  .scriptName('rtps-pod')
  .usage('$0 <command> [options]\n\nA DDSI-RTPS 2.5 peer for Kubernetes pods, and a simulator of pod datapaths.')
  .command(decodeCommand)
  .command(pingCommand)
  .command(pongCommand)
  .command(pubCommand)
  .command(subCommand)
  .command(shapesCommand)
  .command(simulateCommand)
  .command(explainCommand)
  .command(sweepCommand)
  .command(fitCommand)
  .command(reproduceCommand)
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
