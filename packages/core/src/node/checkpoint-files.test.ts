import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingCheckpoint } from '../training/checkpoint/training-checkpoint.js';
import { fileCheckpoints } from './checkpoint-files.js';
import { CheckpointWriteError } from './checkpoint-write-error.js';
import { FileWriteError } from './file-write-error.js';

/** A stand-in for a checkpoint: the writer only serializes it. */
const checkpoint = (iteration: number) =>
  ({
    format: 'bpnet-checkpoint',
    version: 2,
    iteration,
    history: { loss: [0.5, 0.25] },
  }) as unknown as TrainingCheckpoint;

/**
 * A directory no file can be created in, by the first way this machine allows: a read-only tmpfs (root with the right
 * to mount), a directory without write permission (any other user), or /proc/self (root without the right to mount,
 * or with `BPNET_TEST_NO_MOUNT=1`).
 */
function unwritableDirectory(): { directory: string; reason: string; dispose: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'bpnet-unwritable-'));
  if (process.getuid?.() !== 0) {
    chmodSync(directory, 0o555);
    return { directory, reason: 'permission denied (EACCES)', dispose: () => chmodSync(directory, 0o755) };
  }
  try {
    if (process.env.BPNET_TEST_NO_MOUNT === '1') throw new Error('mounting disabled by BPNET_TEST_NO_MOUNT');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=4k', 'tmpfs', directory], { stdio: 'pipe' });
    return { directory, reason: 'read-only file system (EROFS)', dispose: () => execFileSync('umount', [directory]) };
  } catch {
    return { directory: '/proc/self', reason: 'no such file or directory (ENOENT)', dispose: () => undefined };
  }
}

function caught(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('fileCheckpoints checks the path before training starts', () => {
  const unwritable = unwritableDirectory();
  afterAll(() => unwritable.dispose());

  it.each([
    [
      'the directory is missing',
      (root: string) => join(root, 'missing', 'run.json'),
      (root: string) => `the directory ${join(root, 'missing')} does not exist`,
    ],
    [
      'the directory is a file',
      (root: string) => join(root, 'file', 'run.json'),
      (root: string) => `${join(root, 'file')} is not a directory`,
    ],
    ['the path is a directory', (root: string) => join(root, 'folder'), () => 'it is a directory'],
  ])('refuses a path where %s, naming it', (_, pathIn, reasonIn) => {
    const root = mkdtempSync(join(tmpdir(), 'bpnet-checkpoints-'));
    writeFileSync(join(root, 'file'), 'not a directory');
    mkdirSync(join(root, 'folder'));
    const path = pathIn(root);
    const error = caught(() => fileCheckpoints(path));
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toBe(`Cannot write checkpoints to ${path}: ${reasonIn(root)}`);
    expect(error).toMatchObject({ path });
  });

  it(
    `refuses a directory no file can be created in (here: ` +
      `${unwritable.reason}), naming the path, not a temporary file`,
    () => {
      const path = join(unwritable.directory, 'run.checkpoint.json');
      expect(caught(() => fileCheckpoints(path))).toMatchObject({
        name: 'FileWriteError',
        path,
        message:
          `Cannot write checkpoints to ${path}: cannot create a file in ` +
          `${unwritable.directory}: ${unwritable.reason}`,
      });
    },
  );

  it('leaves nothing behind when the path is good', () => {
    const root = mkdtempSync(join(tmpdir(), 'bpnet-checkpoints-'));
    fileCheckpoints(join(root, 'run.json'));
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('a checkpoint that cannot be written', () => {
  it(
    'throws a CheckpointWriteError that names the file and iteration, ' +
      'keeps the checkpoint, and leaves the previous file',
    () => {
      const root = mkdtempSync(join(tmpdir(), 'bpnet-checkpoints-'));
      const path = join(root, 'run.json');
      let free = 1000;
      const write = fileCheckpoints(path, {
        writeBytes: (descriptor, buffer, offset, length) => {
          if (free === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          const written = writeSync(descriptor, buffer, offset, Math.min(length, free));
          free -= written;
          return written;
        },
      });
      write(checkpoint(10));
      const good = readFileSync(path, 'utf8');
      free = 40;
      const unwritten = checkpoint(20);
      const error = caught(() => write(unwritten));
      expect(error).toBeInstanceOf(CheckpointWriteError);
      expect(error).toBeInstanceOf(FileWriteError);
      expect((error as Error).message).toBe(
        `Cannot write the checkpoint of iteration 20 to ${path}: no space left on device (ENOSPC) after writing 40 ` +
          `bytes; the file is unchanged, and this error's checkpoint property holds the checkpoint to resume from`,
      );
      expect((error as CheckpointWriteError).checkpoint).toBe(unwritten);
      expect(error).toMatchObject({ path, code: 'ENOSPC' });
      expect(readFileSync(path, 'utf8')).toBe(good);
      expect(JSON.parse(good).iteration).toBe(10);
      expect(readdirSync(root)).toEqual(['run.json']);
    },
  );

  it('reports a checkpoint that cannot be serialized the same way', () => {
    const root = mkdtempSync(join(tmpdir(), 'bpnet-checkpoints-'));
    const path = join(root, 'run.json');
    const unserializable = { ...checkpoint(30), extra: 10n } as unknown as TrainingCheckpoint;
    const error = caught(() => fileCheckpoints(path)(unserializable));
    expect(error).toBeInstanceOf(CheckpointWriteError);
    expect((error as Error).message).toBe(
      `Cannot write the checkpoint of iteration 30 to ${path}: it cannot be ` +
        `serialized: Do not know how to serialize a BigInt; the file is unchanged, and ` +
        `this error's checkpoint property holds the checkpoint to resume from`,
    );
    expect((error as CheckpointWriteError).checkpoint).toBe(unserializable);
    expect(readdirSync(root)).toEqual([]);
  });
});
