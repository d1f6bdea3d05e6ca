import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileCheckpoints } from './checkpoint-files.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** Runs a writer of `path` until it is in the middle of its write, kills it (SIGKILL), and returns its pid. */
async function killWriterMidWrite(path: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(import.meta.dirname, '..', 'test-fixtures', 'write-until-killed.ts'),
      path,
    ],
    {
      cwd: import.meta.dirname,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => data.toString().includes('writing') && resolve());
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before writing`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return child.pid as number;
}

describe('a writer killed in the middle of a write', () => {
  it(
    'leaves the old file and a temporary file, which the next ' + 'write, or the next fileCheckpoints, removes',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'bpnet-killed-'));
      const path = join(directory, 'run.checkpoint.json');
      writeFileSync(path, '{"iteration":0}');
      const first = await killWriterMidWrite(path);
      const leftover = readdirSync(directory).filter((name) => name !== 'run.checkpoint.json');
      expect(leftover).toEqual([
        expect.stringMatching(new RegExp(`^\\.run\\.checkpoint\\.json\\.${first}\\.[0-9a-f]{32}\\.tmp$`)),
      ]);
      expect(readFileSync(join(directory, leftover[0]), 'utf8')).toBe('{"iteration":1,');
      expect(readFileSync(path, 'utf8')).toBe('{"iteration":0}');

      writeFileAtomically(path, '{"iteration":2}');
      expect(readdirSync(directory)).toEqual(['run.checkpoint.json']);

      await killWriterMidWrite(path);
      expect(readdirSync(directory)).toHaveLength(2);
      fileCheckpoints(path); // a run restarting after the kill
      expect(readdirSync(directory)).toEqual(['run.checkpoint.json']);
      expect(readFileSync(path, 'utf8')).toBe('{"iteration":2}');
    },
  );
});
