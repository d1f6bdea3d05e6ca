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
    include: [
      'packages/*/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'test/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
    ],
    environment: 'node',
    // Some tests train real networks, compile the wasm or spawn processes: generous limits keep a slow CI machine
    // from failing them for time alone (no test asserts a duration).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
