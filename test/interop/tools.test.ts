import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireTool, skipUnless } from '../support/tools.js';

describe('tool gating', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('finds tools on PATH and says why one is missing', () => {
    expect(requireTool('sh')).toEqual({ available: true });
    expect(requireTool('no-such-tool-rtps-pod')).toEqual({ available: false, reason: 'no-such-tool-rtps-pod is not on PATH' });
  });

  it('skips with a reason outside CI, and fails loudly under CI=true', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(skipUnless('suite', 'sh', 'no-such-tool-rtps-pod')).toBe(true);
    expect(warn).toHaveBeenCalledWith('[skip] suite: no-such-tool-rtps-pod: no-such-tool-rtps-pod is not on PATH');
    warn.mockRestore();
    vi.stubEnv('CI', 'true');
    expect(() => skipUnless('suite', 'no-such-tool-rtps-pod')).toThrow(/suite: required tool\(s\) missing under CI=true/);
    expect(skipUnless('suite', 'sh')).toBe(false);
  });
});
