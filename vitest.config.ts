import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-peer tests spawn processes inside network namespaces; give them room but never hang CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
