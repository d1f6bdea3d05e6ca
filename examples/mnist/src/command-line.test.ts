import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the example as `pnpm example:mnist` does (node with tsx, on the sources) and returns what it printed. */
function runExample(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args],
    { cwd: import.meta.dirname, encoding: 'utf8', env: { ...process.env, INIT_CWD: import.meta.dirname } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm example:mnist as a command-line tool', () => {
  it('--help lists every option with its value and default and exits 0 before training', () => {
    const { status, stdout, stderr } = runExample(['--help']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Usage: pnpm example:mnist [options]');
    const options = lines.slice(lines.indexOf('Options:') + 1).filter((line) => line !== '');
    expect(options.map((line) => line.trim().split(/\s{2,}/)[0])).toEqual([
      '--plot <file.svg>',
      '--checkpoint <file>',
      '--resume <file>',
      '--epochs <n>',
      '--hidden <n>',
      '--kernels <name>',
      '-h, --help',
    ]);
    expect(options[1]).toMatch(/\(default: mnist\.checkpoint\.json\)$/);
    expect(options[3]).toMatch(/\(default: 8\)$/);
    expect(options[4]).toMatch(/\(default: 64\)$/);
    expect(options[5]).toContain('js, wasm, wasm-threads, wasm-f32, wasm-f32-threads (default: js)');
    expect(stdout).not.toContain('bpnet: MNIST digits'); // no training started
  });

  it('an unknown option is one line on stderr, with the likely one, and status 2', () => {
    const { status, stdout, stderr } = runExample(['--plott', 'x']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("example:mnist: unknown option '--plott'; did you mean --plot? (see --help)\n");
  });

  it('a bad value is one line on stderr, without a stack trace, and status 2', () => {
    const { status, stdout, stderr } = runExample(['--epochs', 'abc']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("example:mnist: --epochs must be a positive integer, got 'abc' (see --help)\n");
  });
});

describe('Ctrl-C through pnpm', () => {
  it('pnpm example:mnist writes the checkpoint, says where, and pnpm exits with status 0', async () => {
    const checkpoint = join(mkdtempSync(join(tmpdir(), 'bpnet-')), 'mnist.checkpoint.json');
    // A process group of its own, as a shell gives a command it runs: a terminal's Ctrl-C is SIGINT to the group.
    const child = spawn('pnpm', ['example:mnist', '--epochs', '3', '--hidden', '16', '--checkpoint', checkpoint], {
      cwd: join(import.meta.dirname, '../../..'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let interrupted = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!interrupted && /iteration \d+\/750/.test(output)) {
        interrupted = true;
        process.kill(-(child.pid as number), 'SIGINT');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    expect(interrupted).toBe(true);
    expect(output).toContain(`checkpoint written to ${checkpoint}`);
    expect(output).not.toContain('ERR_PNPM');
    expect(output).not.toContain('ELIFECYCLE');
    expect([code, signal]).toEqual([0, null]);
    expect(existsSync(checkpoint)).toBe(true);
  }, 120_000);
});
