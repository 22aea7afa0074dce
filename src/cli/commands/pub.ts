import type { CommandModule } from 'yargs';
import { DdsperfNode } from '../../ddsperf/ddsperf-node.js';
import { isReliable, measureOptions, type MeasureArgs } from '../options/common.js';
import { checkInteger, checkPositive, checkSampleSize, parseOctets } from '../options/parse.js';
import { ProgressLine } from '../progress.js';
import { closeSession, ddsperfIdentity, runUntilStopped, sessionFromArgs } from '../run-session.js';
import { formatResults, outputFormat } from '../table.js';
import { UsageError } from '../usage-error.js';

interface PubArgs extends MeasureArgs {
  rate: string;
  size: string;
  duration?: number;
  'wait-readers': number;
}

export const PUB_COLUMNS = ['size', 'samples', 'seconds', 'samples_per_s', 'mbit_per_s', 'blocked', 'matched_readers'] as const;

/** `--rate 1000`, `1000Hz`, `2kHz` or `inf` (as fast as flow control allows) as samples per second. */
export function parseRate(text: string): number {
  if (/^inf(inite)?$/i.test(text)) return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*(k?)(hz)?$/i.exec(text.trim());
  const v = m === null ? NaN : Number(m[1]) * (m[2] === '' ? 1 : 1000);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--rate wants samples per second such as 1000, 2kHz or inf, got "${text}"`);
  return v;
}

export const pubCommand: CommandModule<object, PubArgs> = {
  command: 'pub',
  describe: 'Publish KeyedSeq samples at a rate, for `rtps-pod sub` or Cyclone `ddsperf sub`',
  builder: (y) =>
    measureOptions(y)
      .option('rate', { alias: 'r', type: 'string', default: 'inf', describe: 'samples per second (1000, 2kHz), or inf for as fast as the subscribers acknowledge' })
      .option('size', { alias: 's', type: 'string', default: '12', describe: 'sample size in octets as ddsperf counts it (12 minimum; k/KiB/M suffixes)' })
      .option('duration', { alias: 'D', type: 'number', describe: 'stop after this many seconds (default: run until Ctrl-C / SIGTERM)' })
      .option('wait-readers', { type: 'number', default: 1, describe: 'wait for this many matched subscribers before publishing (0: start at once)' })
      .example('$0 pub --rate 1000 --size 1k --duration 10', 'ten seconds of 1 KB samples at 1 kHz to `ddsperf sub`')
      .epilog(
        'Writes topic DDSPerfRDataKS (type KeyedSeq, key 0, seq counting up from 0) with a reliable KEEP_ALL writer: when ' +
          'subscribers fall behind, publishing waits for their acknowledgements ("blocked" counts those waits).',
      ),
  handler: async (a) => {
    const rate = parseRate(a.rate);
    const size = checkSampleSize(parseOctets(a.size, '--size'), '--size');
    const durationMs = a.duration === undefined ? undefined : checkPositive(a.duration, '--duration') * 1000;
    const waitReaders = checkInteger(a['wait-readers'], '--wait-readers', 0);
    const format = outputFormat(a);
    const reliable = isReliable(a);
    const session = await sessionFromArgs(a, ddsperfIdentity(false));
    const pub = new DdsperfNode(session, { reliable, subscribe: false, publish: { size, rate, reliable } }).publisher;
    const progress = new ProgressLine();
    const run = runUntilStopped(undefined);
    let startedAt: number | undefined;
    let stopTimer: NodeJS.Timeout | undefined;
    const start = (): void => {
      if (startedAt !== undefined) return;
      startedAt = session.now();
      pub.start();
      if (durationMs !== undefined) stopTimer = setTimeout(run.stop, durationMs);
    };
    if (waitReaders === 0) start();
    else {
      progress.update(`waiting for ${waitReaders} subscriber(s)...`);
      session.onEvent((e) => {
        if (e.kind === 'publication-matched' && e.writer === pub.writer && e.current >= waitReaders) start();
      });
    }
    let last = { at: session.now(), written: 0 };
    const ticker = setInterval(() => {
      if (startedAt === undefined) return;
      const now = session.now();
      const rateNow = ((pub.written - last.written) * 1e9) / (now - last.at);
      last = { at: now, written: pub.written };
      progress.update(`${pub.written} samples, ${Math.round(rateNow)} samples/s, ${((rateNow * Math.max(12, size) * 8) / 1e6).toFixed(1)} Mbit/s, ${pub.matchedReaders} reader(s)`);
    }, 1000);
    await run.done;
    pub.stop();
    clearInterval(ticker);
    if (stopTimer !== undefined) clearTimeout(stopTimer);
    progress.clear();
    // Give reliable readers the chance to acknowledge (and us to repair) the tail before we leave.
    const drainUntil = session.now() + 2e9;
    while (reliable && !session.acknowledgedByAll(pub.writer) && session.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
    const seconds = startedAt === undefined ? 0 : (session.now() - startedAt) / 1e9;
    const matched = pub.matchedReaders;
    await closeSession(session, a.verbose);
    const perSecond = seconds > 0 ? pub.written / seconds : 0;
    process.stdout.write(
      formatResults(
        format,
        PUB_COLUMNS,
        [
          {
            size: Math.max(12, size),
            samples: pub.written,
            seconds: Math.round(seconds * 1000) / 1000,
            samples_per_s: Math.round(perSecond),
            mbit_per_s: Math.round(((perSecond * Math.max(12, size) * 8) / 1e6) * 100) / 100,
            blocked: pub.blocked,
            matched_readers: matched,
          },
        ],
        { command: 'pub', reliable },
      ),
    );
  },
};
