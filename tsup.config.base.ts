import { defineConfig, type Options } from 'tsup';

/** The one build every package shares: ESM with declarations and source maps, for ES2022. */
export function packageBuild(entry: Options['entry'] = ['src/index.ts']) {
  return defineConfig({ entry, format: ['esm'], dts: true, clean: true, sourcemap: true, target: 'es2022' });
}
