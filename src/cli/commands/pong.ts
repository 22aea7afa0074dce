import type { CommandModule } from 'yargs';
import { DdsperfNode } from '../../ddsperf/ddsperf-node.js';
import { isReliable, measureOptions, type MeasureArgs } from '../options/common.js';
import { checkPositive } from '../options/parse.js';
import { ProgressLine } from '../progress.js';
import { closeSession, ddsperfIdentity, runUntilStopped, sessionFromArgs } from '../run-session.js';
import { formatResults, outputFormat } from '../table.js';

interface PongArgs extends MeasureArgs {
  duration?: number;
}

export const PONG_COLUMNS = ['pongs', 'unanswerable', 'seconds'] as const;

export const pongCommand: CommandModule<object, PongArgs> = {
  command: 'pong',
  describe: 'Answer pings from `rtps-pod ping` or Cyclone `ddsperf ping` until stopped',
  builder: (y) =>
    measureOptions(y)
      .option('duration', { alias: 'D', type: 'number', describe: 'stop after this many seconds (default: run until Ctrl-C / SIGTERM)' })
      .example('$0 pong --duration 60', 'answer `ddsperf ping` (or `rtps-pod ping`) for a minute, then print how many pongs were sent')
      .epilog(
        'Each ping (topic DDSPerfRPingKS, type KeyedSeq) is echoed unchanged on DDSPerfRPongKS in the partition named after the ' +
          'pinging participant\'s GUID, with the ping\'s source timestamp, as ddsperf pong does.',
      ),
  handler: async (a) => {
    const durationMs = a.duration === undefined ? undefined : checkPositive(a.duration, '--duration') * 1000;
    const format = outputFormat(a);
    const session = await sessionFromArgs(a, ddsperfIdentity(false));
    const responder = new DdsperfNode(session, { reliable: isReliable(a), subscribe: false }).responder;
    const progress = new ProgressLine();
    const ticker = setInterval(() => progress.update(`${responder.answered} pongs sent`), 500);
    const run = runUntilStopped(durationMs);
    await run.done;
    clearInterval(ticker);
    progress.clear();
    const seconds = session.now() / 1e9;
    await closeSession(session, a.verbose);
    process.stdout.write(
      formatResults(format, PONG_COLUMNS, [{ pongs: responder.answered, unanswerable: responder.unanswerable, seconds: Math.round(seconds * 10) / 10 }], { command: 'pong' }),
    );
  },
};
