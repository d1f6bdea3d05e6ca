import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The playground's browser tests: Node drives headless Chromium (playwright-core) against the static build in
 * `dist/`, served on 127.0.0.1. Run with `pnpm playground:test` from the repository root (it builds first).
 * One file at a time and generous limits: each test trains a network in a real page on a shared machine.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The tests also run the engine in Node (from the workspace sources) to check the page against it.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
