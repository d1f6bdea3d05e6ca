import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { kernelsWasmBytes } from './wasm-module.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

it('the embedded wasm and src/generated/kernels-wasm.ts are what build:wasm makes from assembly/kernels.ts now', () => {
  // The same two steps as `pnpm --filter @bpnet/wasm build:wasm`, into a temporary folder.
  const asc = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
  const temporary = mkdtempSync(join(tmpdir(), 'bpnet-wasm-'));
  try {
    const wasmFile = join(temporary, 'kernels.wasm');
    const generated = join(temporary, 'kernels-wasm.ts');
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: packageDir, stdio: 'pipe' });
    run([asc, '--config', 'asconfig.json', '--target', 'release', '--outFile', wasmFile, '--textFile', join(temporary, 'kernels.wat')]);
    run([join('scripts', 'embed-wasm.mjs'), wasmFile, generated]);
    const fresh = new Uint8Array(readFileSync(wasmFile));
    const embedded = kernelsWasmBytes();
    const stale = 'the committed wasm is stale: run `pnpm --filter @bpnet/wasm build:wasm` and commit src/generated/kernels-wasm.ts';
    expect(embedded.length, stale).toBe(fresh.length);
    expect(Buffer.compare(Buffer.from(embedded), Buffer.from(fresh)), stale).toBe(0);
    expect(readFileSync(join(packageDir, 'src', 'generated', 'kernels-wasm.ts'), 'utf8'), stale).toBe(readFileSync(generated, 'utf8'));
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}, 120_000);
