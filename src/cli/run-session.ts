import { hostname } from 'node:os';
import { guidPrefixToString } from '../../rtps/index.js';
import { ddsperfUserData, parseDdsperfUserData } from '../ddsperf/topics.js';
import { onShutdownSignal } from '../runtime/shutdown.js';
import { openSession, type OpenSession } from '../runtime/session.js';
import { InterfaceSelectionError } from '../transport/network-interface.js';
import { checkDomain, checkInteger, parsePeer } from './options/parse.js';
import type { NetworkArgs } from './options/common.js';
import { UsageError } from './usage-error.js';

/** Opens a session from the shared network flags; configuration mistakes become UsageErrors (exit 2). */
export async function sessionFromArgs(a: NetworkArgs, userData?: Uint8Array): Promise<OpenSession> {
  const domainId = checkDomain(a.domain);
  const peers = a.peer.map(parsePeer);
  if (a['participant-id'] !== undefined) checkInteger(a['participant-id'], '--participant-id', 0);
  if (!a.multicast && peers.length === 0) throw new UsageError('--no-multicast needs at least one --peer, or nobody can be discovered');
  try {
    const s = await openSession({
      domainId,
      peers,
      multicast: a.multicast,
      userMulticast: a['user-multicast'] === true,
      ...(a.interface !== undefined ? { interface: a.interface } : {}),
      ...(a['participant-id'] !== undefined ? { participantId: a['participant-id'] } : {}),
      ...(userData !== undefined ? { userData } : {}),
      participantName: `rtps-pod ${process.pid}`,
    });
    if (a.verbose) {
      process.stderr.write(`rtps-pod: participant ${guidPrefixToString(s.guidPrefix)} on ${s.iface.name} (${s.iface.address}), domain ${domainId}, index ${s.transport.participantId}\n`);
      s.onEvent((e) => {
        if (e.kind === 'participant-discovered') {
          const peer = parseDdsperfUserData(e.userData);
          process.stderr.write(`rtps-pod: discovered participant ${guidPrefixToString(e.guidPrefix)}${peer !== undefined ? ` (ddsperf-compatible, pid ${peer.pid} on ${peer.hostname})` : ''}\n`);
        } else if (e.kind === 'participant-lost') {
          process.stderr.write(`rtps-pod: participant ${guidPrefixToString(e.guidPrefix)} left\n`);
        } else if (e.kind === 'publication-matched' || e.kind === 'subscription-matched') {
          const spec = e.kind === 'publication-matched' ? e.writer.spec : e.reader.spec;
          process.stderr.write(`rtps-pod: ${e.kind === 'publication-matched' ? 'writer' : 'reader'} on ${spec.topicName} ${e.change > 0 ? 'matched' : 'unmatched'} (now ${e.current})\n`);
        } else if (e.kind === 'incompatible-qos') {
          process.stderr.write(`rtps-pod: incompatible QoS on ${e.topicName}: ${e.policy}\n`);
        }
      });
    }
    return s;
  } catch (e) {
    if (e instanceof InterfaceSelectionError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UsageError(`cannot bind the UDP ports: ${(e as Error).message}`);
    throw e;
  }
}

/** The USER_DATA that makes ddsperf talk to us; `sub` also says it has a Data reader. */
export function ddsperfIdentity(hasDataReader: boolean): Uint8Array {
  return ddsperfUserData(hasDataReader, process.pid, hostname());
}

/** Resolves on SIGINT/SIGTERM, or after `durationMs` if given; `stop()` ends it early. */
export function runUntilStopped(durationMs: number | undefined): { done: Promise<string>; stop: () => void } {
  let stop: () => void = () => undefined;
  const done = new Promise<string>((resolve) => {
    const timer = durationMs === undefined ? undefined : setTimeout(() => finish('duration'), durationMs);
    const off = onShutdownSignal((sig) => finish(sig));
    function finish(why: string): void {
      if (timer !== undefined) clearTimeout(timer);
      off();
      resolve(why);
    }
    stop = () => finish('done');
  });
  return { done, stop };
}

/** Closes the session and, with --verbose, prints the counters: every drop with its reason. */
export async function closeSession(s: OpenSession, verbose: boolean): Promise<void> {
  await s.close();
  if (verbose) for (const line of s.diagnostics()) process.stderr.write(`rtps-pod: ${line}\n`);
}
