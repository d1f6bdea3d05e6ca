import { spawn } from 'node:child_process';

/**
 * Runs `command` with `args` (and `env`, if given), resolving with the last line of its stdout; rejects if it cannot
 * start or exits non-zero, with the last line of its stderr.
 */
export function runProcess(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout.trim().split('\n').at(-1) ?? '')
        : reject(new Error(`${command} exited with ${code}: ${stderr.trim().split('\n').at(-1)}`)),
    );
  });
}
