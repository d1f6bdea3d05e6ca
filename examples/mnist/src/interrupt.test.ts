import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckpointFile } from '@bpnet/core/node';
import { expect, it } from 'vitest';

/** Runs the example's main in a child process; resolves with its exit code and output. */
function runMain(args: string[], interruptAfterOutput?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args],
      {
        cwd: import.meta.dirname,
        env: { ...process.env, INIT_CWD: import.meta.dirname },
      },
    );
    let output = '';
    let interrupted = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (interruptAfterOutput && !interrupted && interruptAfterOutput.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

it('Ctrl-C writes a checkpoint, says where, exits cleanly, and the run resumes from it', async () => {
  const checkpoint = join(mkdtempSync(join(tmpdir(), 'bpnet-')), 'mnist.checkpoint.json');
  const first = await runMain(['--epochs', '3', '--hidden', '16', '--checkpoint', checkpoint], /iteration \d+\/750/);
  expect(first.code).toBe(0);
  expect(first.output).toContain(`checkpoint written to ${checkpoint}`);
  expect(first.output).toContain(`resume with: pnpm example:mnist --resume ${checkpoint} --epochs 3 --hidden 16`);
  const saved = loadCheckpointFile(checkpoint);
  expect(saved.iteration).toBeGreaterThan(0);
  expect(saved.iteration).toBeLessThan(750);
  const resumed = await runMain([
    '--epochs',
    '3',
    '--hidden',
    '16',
    '--checkpoint',
    checkpoint,
    '--resume',
    checkpoint,
  ]);
  expect(resumed.code).toBe(0);
  expect(resumed.output).toMatch(/test accuracy: 0\.\d{3}/);
}, 120_000);
