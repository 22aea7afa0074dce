import type { CommandModule } from 'yargs';
import { DdsperfNode } from '../../ddsperf/ddsperf-node.js';
import type { DataSubscriber } from '../../ddsperf/subscriber.js';
import { isReliable, measureOptions, type MeasureArgs } from '../options/common.js';
import { checkPositive } from '../options/parse.js';
import { ProgressLine } from '../progress.js';
import { closeSession, ddsperfIdentity, runUntilStopped, sessionFromArgs } from '../run-session.js';
import { formatResults, outputFormat, type Row } from '../table.js';

interface SubArgs extends MeasureArgs {
  duration?: number;
  interval: number;
}

export const SUB_COLUMNS = ['seconds', 'size', 'samples', 'samples_per_s', 'mbit_per_s', 'lost', 'duplicates', 'out_of_order', 'writers'] as const;

export const subCommand: CommandModule<object, SubArgs> = {
  command: 'sub',
  describe: 'Receive KeyedSeq samples from `rtps-pod pub` or Cyclone `ddsperf pub` and report rate and loss',
  builder: (y) =>
    measureOptions(y)
      .option('duration', { alias: 'D', type: 'number', describe: 'stop after this many seconds (default: run until Ctrl-C / SIGTERM)' })
      .option('interval', { type: 'number', default: 1, describe: 'seconds between report lines (text output)' })
      .example('$0 sub --duration 10', 'receive `ddsperf pub` for ten seconds; one line per second, then the totals')
      .epilog(
        'Reads topic DDSPerfRDataKS (type KeyedSeq) with a reliable KEEP_ALL reader and checks each writer\'s seq: "lost" counts ' +
          'skipped sequence numbers, "duplicates" and "out_of_order" anything that is not the next one. In text mode a line is ' +
          'printed per interval and the totals at the end; --json / --csv print the totals and every interval.',
      ),
  handler: async (a) => {
    const durationMs = a.duration === undefined ? undefined : checkPositive(a.duration, '--duration') * 1000;
    const interval = checkPositive(a.interval, '--interval');
    const format = outputFormat(a);
    const reliable = isReliable(a);
    const session = await sessionFromArgs(a, ddsperfIdentity(true));
    const sub = new DdsperfNode(session, { reliable, subscribe: true }).subscriber as DataSubscriber;
    const progress = new ProgressLine();
    const intervals: Row[] = [];
    const row = (seconds: number, samplesPerSecond: number, mbit: number): Row => ({
      seconds: Math.round(seconds * 1000) / 1000,
      size: sub.lastSize,
      samples: sub.tracker.total.received,
      samples_per_s: Math.round(samplesPerSecond),
      mbit_per_s: Math.round(mbit * 100) / 100,
      lost: sub.tracker.total.lost,
      duplicates: sub.tracker.total.duplicates,
      out_of_order: sub.tracker.total.outOfOrder,
      writers: sub.tracker.writerCount,
    });
    const ticker = setInterval(() => {
      const now = session.now();
      const r = sub.meter.interval(now);
      const line = row(now / 1e9, r.samplesPerSecond, r.megabitsPerSecond);
      intervals.push(line);
      if (format === 'text') {
        progress.clear();
        process.stdout.write(
          `${String(line.seconds).padStart(7)}s  ${line.samples_per_s} samples/s  ${line.mbit_per_s} Mbit/s  size ${line.size}  total ${line.samples}  lost ${line.lost}\n`,
        );
      } else {
        progress.update(`${line.samples} samples, ${line.samples_per_s} samples/s, lost ${line.lost}`);
      }
    }, interval * 1000);
    const run = runUntilStopped(durationMs);
    await run.done;
    clearInterval(ticker);
    progress.clear();
    const now = session.now();
    const total = sub.meter.overall(now);
    await closeSession(session, a.verbose);
    const totals = row(now / 1e9, total.samplesPerSecond, total.megabitsPerSecond);
    if (format === 'text') process.stdout.write(`total: ${totals.samples} samples, ${totals.samples_per_s} samples/s, ${totals.mbit_per_s} Mbit/s, lost ${totals.lost}, duplicates ${totals.duplicates}, out of order ${totals.out_of_order}, from ${totals.writers} writer(s)\n`);
    else process.stdout.write(formatResults(format, SUB_COLUMNS, [totals], { command: 'sub', reliable, intervals }));
  },
};
