import { defineConfig } from 'vitest/config';

/** The bench's own smoke test (not part of the root `pnpm test`): runs on the workspace packages' sources. */
export default defineConfig({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
