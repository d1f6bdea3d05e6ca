import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { kernelsWasmBytes } from './wasm-module.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

it('both embedded wasm modules and src/generated/kernels-wasm.ts are ' +
  'what build:wasm makes from assembly/kernels.ts now', () => {
  // The same two steps as `pnpm --filter @bpnet/wasm build:wasm`, into a temporary folder.
  const asc = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
  const temporary = mkdtempSync(join(tmpdir(), 'bpnet-wasm-'));
  try {
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: packageDir, stdio: 'pipe' });
    const generated = join(temporary, 'kernels-wasm.ts');
    const wasmFiles = { unshared: join(temporary, 'kernels.wasm'), shared: join(temporary, 'kernels-shared.wasm') };
    for (const [memory, target] of [
      ['unshared', 'release'],
      ['shared', 'shared'],
    ] as const) {
      run([
        asc,
        '--config',
        'asconfig.json',
        '--target',
        target,
        '--outFile',
        wasmFiles[memory],
        '--textFile',
        join(temporary, `${target}.wat`),
      ]);
    }
    run([
      join('scripts', 'embed-wasm.mjs'),
      generated,
      `kernelsWasmBase64=${wasmFiles.unshared}`,
      `sharedKernelsWasmBase64=${wasmFiles.shared}`,
    ]);
    const stale =
      'the committed wasm is stale: run `pnpm --filter @bpnet/wasm ' +
      'build:wasm` and commit src/generated/kernels-wasm.ts';
    for (const memory of ['unshared', 'shared'] as const) {
      const fresh = new Uint8Array(readFileSync(wasmFiles[memory]));
      const embedded = kernelsWasmBytes(memory);
      expect(embedded.length, stale).toBe(fresh.length);
      expect(Buffer.compare(Buffer.from(embedded), Buffer.from(fresh)), stale).toBe(0);
    }
    expect(readFileSync(join(packageDir, 'src', 'generated', 'kernels-wasm.ts'), 'utf8'), stale).toBe(
      readFileSync(generated, 'utf8'),
    );
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}, 120_000);
