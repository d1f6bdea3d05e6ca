import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelToJson, type Network } from '@bpnet/core';
import { FileWriteError, loadModelFile, saveModelFile, writeFileAtomically } from '@bpnet/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { smallDisk } from './fixtures/small-disk.js';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

function caught(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A good model file, and the bytes and parameters it holds. */
function goodModelFile(directory: string) {
  const path = join(directory, 'model.json');
  const network = threeLayerNetwork(threeLayerContainer(1), 5, 8, 3);
  saveModelFile(network, path);
  return { path, bytes: readFileSync(path), parameters: snapshotParameters(network) };
}

function expectGoodModelFileKept(good: ReturnType<typeof goodModelFile>, directory: string): void {
  expect(readFileSync(good.path).equals(good.bytes)).toBe(true);
  expect(snapshotParameters(loadModelFile(threeLayerContainer(1), good.path))).toEqual(good.parameters);
  expect(readdirSync(directory)).toEqual(['model.json']);
}

describe('saving a model that does not fit keeps the old file', () => {
  const disk = smallDisk(64 * 1024);
  afterAll(() => disk.dispose());

  // saveModelFile on a real disk; on the simulated one, the same writer and model JSON through its writeBytes.
  const save = (network: Network, path: string) =>
    disk.real
      ? saveModelFile(network, path)
      : writeFileAtomically(path, modelToJson(network), { writeBytes: disk.writeBytes });

  it(`on ${disk.description}: throws a FileWriteError naming the file; the old file is intact`, () => {
    const good = goodModelFile(disk.directory);
    const error = caught(() => save(threeLayerNetwork(threeLayerContainer(2), 20, 1000, 3), good.path));
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Cannot write ${good.path}: no space left on device \\(ENOSPC\\) ` +
          `after writing \\d+ bytes; the file is unchanged$`,
      ),
    );
    expect(error).toMatchObject({ code: 'ENOSPC' });
    expectGoodModelFileKept(good, disk.directory);
  });

  it(
    'under a file-size limit (ulimit -f, no privileges needed): ' +
      'the kernel cuts the write short; it throws and the old file is intact',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'bpnet-size-limit-'));
      const good = goodModelFile(directory);
      // 256 blocks: 128 KiB (512-byte blocks, POSIX sh) or 256 KiB (1 KiB blocks, bash); the model is about 0.5 MB.
      const output = execFileSync(
        'sh',
        [
          '-c',
          'ulimit -f 256 && exec "$@"',
          'sh',
          process.execPath,
          '--conditions=source',
          '--import',
          'tsx',
          join(import.meta.dirname, 'fixtures', 'programs', 'save-model-over-size-limit.ts'),
          good.path,
        ],
        { cwd: import.meta.dirname, encoding: 'utf8' },
      );
      const outcome = JSON.parse(output) as { name?: string; message?: string };
      expect(outcome.name).toBe('FileWriteError');
      expect(outcome.message).toMatch(
        new RegExp(
          `^Cannot write ${good.path}: file too large \\(EFBIG\\) ` +
            `after writing (131072|262144) bytes; the file is unchanged$`,
        ),
      );
      expectGoodModelFileKept(good, directory);
    },
  );
});
