import { defineConfig } from 'vite';

// The playground runs bpnet from its TypeScript sources: the `source` export condition of every @bpnet package
// points at its src/index.ts, so no package needs building first. The training worker is an ES module worker.
export default defineConfig({
  base: './',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
