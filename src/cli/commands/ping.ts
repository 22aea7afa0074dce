import type { CommandModule } from 'yargs';
import { DdsperfNode } from '../../ddsperf/ddsperf-node.js';
import type { PingOptions, SizeResult } from '../../ddsperf/pinger.js';
import { measureOptions, isReliable, type MeasureArgs } from '../options/common.js';
import { checkInteger, checkPositive, checkSampleSize, parseOctets, parseSweep } from '../options/parse.js';
import { ProgressLine } from '../progress.js';
import { closeSession, ddsperfIdentity, runUntilStopped, sessionFromArgs } from '../run-session.js';
import { formatResults, outputFormat, type Row } from '../table.js';

interface PingArgs extends MeasureArgs {
  size?: string;
  sweep?: string;
  count?: number;
  duration?: number;
  timeout: number;
  wait: number;
  warmup: number;
}

export const PING_COLUMNS = ['size', 'round_trips', 'timeouts', 'corrupt', 'min_us', 'p50_us', 'p90_us', 'p99_us', 'max_us', 'mean_us'] as const;

/** One result row; RTTs in microseconds. */
export function pingRow(r: SizeResult): Row {
  const us = (ns: number | undefined): number | undefined => (ns === undefined ? undefined : Math.round(ns / 100) / 10);
  return {
    size: r.size,
    round_trips: r.roundTrips,
    timeouts: r.timeouts,
    corrupt: r.corrupt,
    min_us: us(r.rttNs?.min),
    p50_us: us(r.rttNs?.p50),
    p90_us: us(r.rttNs?.p90),
    p99_us: us(r.rttNs?.p99),
    max_us: us(r.rttNs?.max),
    mean_us: us(r.rttNs?.mean),
  };
}

/** Validated ping settings from the flags. */
export function pingSettings(a: Pick<PingArgs, 'size' | 'sweep' | 'count' | 'duration' | 'timeout' | 'wait'>, reliable: boolean): PingOptions & { waitMs: number } {
  const sizes = a.sweep !== undefined ? parseSweep(a.sweep) : (a.size ?? '12').split(',').map((t) => parseOctets(t, '--size'));
  for (const s of sizes) checkSampleSize(s, a.sweep !== undefined ? '--sweep' : '--size');
  const count = a.count === undefined ? undefined : checkInteger(a.count, '--count', 1);
  const duration = a.duration === undefined ? undefined : checkPositive(a.duration, '--duration');
  return {
    sizes,
    reliable,
    ...(count === undefined && duration === undefined ? { count: 1000 } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(duration !== undefined ? { durationMs: duration * 1000 } : {}),
    timeoutMs: checkPositive(a.timeout, '--timeout'),
    waitMs: checkPositive(a.wait, '--wait') * 1000,
  };
}

export const pingCommand: CommandModule<object, PingArgs> = {
  command: 'ping',
  describe: 'Measure round-trip latency against a pong peer (`rtps-pod pong` or Cyclone `ddsperf pong`)',
  builder: (y) =>
    measureOptions(y)
      .option('size', { alias: 's', type: 'string', describe: 'sample size in octets as ddsperf counts it (12, the default, is the minimum; k = 1024), or a list: 12,5000,50k' })
      .option('sweep', { type: 'string', describe: 'measure several sizes, start:stop:step in octets, e.g. 5000:50000:5000' })
      .option('count', { alias: 'n', type: 'number', describe: 'round trips per size (default 1000 unless --duration)' })
      .option('duration', { alias: 'D', type: 'number', describe: 'seconds per size; stops at whichever of --count and --duration comes first' })
      .option('timeout', { type: 'number', default: 1000, describe: 'ms to wait for a pong before sending the next ping' })
      .option('wait', { type: 'number', default: 10, describe: 'seconds to wait for a pong peer to be discovered and matched' })
      .option('warmup', { type: 'number', default: 20, describe: 'round trips before the first size that are not counted (JIT, caches)' })
      .conflicts('sweep', 'size')
      .example('$0 ping --sweep 5000:50000:5000 --count 200', 'RTT per size against `ddsperf pong` on the same network')
      .epilog(
        'Speaks ddsperf\'s protocol: topic DDSPerfRPingKS / DDSPerfRPongKS (DDSPerfU... with --best-effort), type KeyedSeq. ' +
          'One ping is in flight at a time; each result row gives min / p50 / p90 / p99 / max round-trip times in microseconds. ' +
          'Exit code 1 if a size got no round trip or a pong came back altered.',
      ),
  handler: async (a) => {
    const settings = pingSettings(a, isReliable(a));
    const warmup = checkInteger(a.warmup, '--warmup', 0);
    const format = outputFormat(a);
    const session = await sessionFromArgs(a, ddsperfIdentity(false));
    const progress = new ProgressLine();
    const results: SizeResult[] = [];
    const run = runUntilStopped(undefined);
    let interrupted = false;
    // Like ddsperf, answer other pingers while measuring.
    const pinger = new DdsperfNode(session, { reliable: settings.reliable, subscribe: false }).pinger;
    void run.done.then((why) => {
      if (why === 'done') return;
      interrupted = true;
      pinger.abort();
    });
    try {
      await Promise.race([pinger.waitForPeer(settings.waitMs), run.done.then(() => Promise.reject(new Error('interrupted before a peer matched')))]);
      if (warmup > 0) await pinger.measure(settings.sizes[0]!, { ...settings, count: warmup });
      for (const size of settings.sizes) {
        if (interrupted) break;
        const r = await pinger.measure(size, settings, (p) =>
          progress.update(`size ${p.size}: ${p.roundTrips} round trips, last ${(p.lastRttNs / 1000).toFixed(1)} µs`),
        );
        progress.clear();
        results.push(r);
      }
    } catch (e) {
      progress.clear();
      run.stop();
      await closeSession(session, a.verbose);
      process.stderr.write(`rtps-pod ping: ${(e as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    run.stop();
    await closeSession(session, a.verbose);
    process.stdout.write(formatResults(format, PING_COLUMNS, results.map(pingRow), { command: 'ping', reliable: settings.reliable }));
    if (results.some((r) => r.roundTrips === 0 || r.corrupt > 0) || results.length < settings.sizes.length) process.exitCode = 1;
  },
};
