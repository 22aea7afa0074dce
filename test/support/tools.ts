import { spawnSync } from 'node:child_process';

/** Whether an external tool a test depends on can be run here, and if not, why. */
export interface ToolStatus {
  readonly available: boolean;
  readonly reason?: string;
}

/** Tools that are not plain executables on PATH but capabilities the tests need. */
const CAPABILITIES: Record<string, () => ToolStatus> = {
  // A private network namespace is what keeps real DDS peers off the host's interfaces.
  netns: () => {
    const r = spawnSync('unshare', ['--net', '--', 'true'], { timeout: 10_000 });
    if (r.error) return { available: false, reason: `unshare: ${r.error.message}` };
    return r.status === 0
      ? { available: true }
      : { available: false, reason: `unshare --net failed (${r.stderr.toString().trim() || `exit ${r.status}`}); needs root or user namespaces` };
  },
};

const cache = new Map<string, ToolStatus>();

/** Looks a tool up on PATH (or checks a capability such as 'netns'), once per process. */
export function requireTool(name: string): ToolStatus {
  let status = cache.get(name);
  if (status === undefined) {
    const capability = CAPABILITIES[name];
    if (capability !== undefined) {
      status = capability();
    } else {
      const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { timeout: 10_000 });
      status = r.status === 0 ? { available: true } : { available: false, reason: `${name} is not on PATH` };
    }
    cache.set(name, status);
  }
  return status;
}

/**
 * Gate for `describe.skipIf(skipUnless(...))`: returns true when the suite must be skipped.
 * Under CI=true a missing tool is an error raised at collection time, so a CI image that lost tshark fails
 * loudly instead of silently passing; elsewhere the suite is skipped with a one-line reason.
 */
export function skipUnless(suite: string, ...names: string[]): boolean {
  const missing = names.map((n) => [n, requireTool(n)] as const).filter(([, s]) => !s.available);
  if (missing.length === 0) return false;
  const reasons = missing.map(([n, s]) => `${n}: ${s.reason ?? 'unavailable'}`).join('; ');
  if (process.env['CI'] === 'true') {
    throw new Error(`${suite}: required tool(s) missing under CI=true: ${reasons}`);
  }
  console.warn(`[skip] ${suite}: ${reasons}`);
  return true;
}
