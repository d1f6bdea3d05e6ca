import { defineConfig } from 'vitest/config';

/**
 * One vitest run over every workspace package. Packages resolve to their TypeScript sources through the
 * `source` export condition, so `pnpm test` needs no prior build.
 */
export default defineConfig({
  ssr: {
    resolve: {
      conditions: ['source', 'module', 'node', 'development|production'],
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'test/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
    environment: 'node',
  },
});
