import { spawn } from 'node:child_process';

/** Outcome of a command run inside a private network namespace. */
export interface NetnsResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface NetnsOptions {
  /** Hard limit; on expiry the whole process group is killed. */
  readonly timeoutMs: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/**
 * Brings up the namespace's only interface. The multicast route matters: a fresh namespace has no default route,
 * and SPDP sends to 239.255.0.1, which would otherwise fail with ENETUNREACH.
 */
export const NETNS_PRELUDE = [
  'set -e',
  'ip link set lo up',
  'ip link set lo multicast on',
  'ip route add 224.0.0.0/4 dev lo',
  'set +e',
].join('\n');

/** CYCLONEDDS_URI that makes Cyclone DDS use multicast on lo, as it would on a real network. */
export const CYCLONE_LO_MULTICAST_URI =
  '<General><Interfaces><NetworkInterface name="lo" multicast="true"/></Interfaces><AllowMulticast>true</AllowMulticast></General>';

/**
 * Runs a bash script inside a fresh network namespace (`unshare --net`) holding only `lo`, so real DDS peers
 * never touch the host's interfaces. The script runs in its own process group, which is killed (SIGKILL)
 * on timeout and as soon as the script exits, so background children (tshark, ddsperf) never outlive it.
 */
export function runInNetns(script: string, options: NetnsOptions): Promise<NetnsResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['--net', '--', 'bash', '-c', `${NETNS_PRELUDE}\n${script}`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // When the script itself exits, its background children go too; they may hold stdout open, so 'close'
    // (all output read) only comes after this.
    child.on('exit', killGroup);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}
