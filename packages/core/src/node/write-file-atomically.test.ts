import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWriteError } from './file-write-error.js';
import type { WriteBytes } from './write-all.js';
import { writeFileAtomically } from './write-file-atomically.js';

function directoryWithGoodFile() {
  const directory = mkdtempSync(join(tmpdir(), 'bpnet-atomic-'));
  const path = join(directory, 'model.json');
  writeFileSync(path, '{"good":true}');
  return { directory, path };
}

/** A write that takes at most `most` bytes per call, as a file system may. */
const atMost =
  (most: number): WriteBytes =>
  (descriptor, buffer, offset, length) =>
    writeSync(descriptor, buffer, offset, Math.min(length, most));

/**
 * A disk with `free` bytes left: the write that reaches the end is short, the next fails with ENOSPC, as Node reports
 * it.
 */
function fullAfter(free: number): WriteBytes {
  let left = free;
  return (descriptor, buffer, offset, length) => {
    if (left === 0)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    const written = writeSync(descriptor, buffer, offset, Math.min(length, left));
    left -= written;
    return written;
  };
}

function caught(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('writeFileAtomically on a file system that writes less than asked', () => {
  it('continues short writes until every byte is written', () => {
    const { directory, path } = directoryWithGoodFile();
    const text = `{"name":"réseau ∑ 𝔁","values":[${Array.from({ length: 500 }, (_, n) => n / 7).join(',')}]}`;
    writeFileAtomically(path, text, { writeBytes: atMost(7) });
    expect(readFileSync(path)).toEqual(Buffer.from(text, 'utf8'));
    expect(readdirSync(directory)).toEqual(['model.json']);
  });

  it('on a full disk throws a FileWriteError naming the file, and leaves the old file and no temporary file', () => {
    const { directory, path } = directoryWithGoodFile();
    const error = caught(() => writeFileAtomically(path, 'x'.repeat(70_000), { writeBytes: fullAfter(53_248) }));
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).message).toBe(
      `Cannot write ${path}: no space left on device (ENOSPC) after writing 53248 bytes; the file is unchanged`,
    );
    expect(error).toMatchObject({
      path,
      code: 'ENOSPC',
      reason: 'no space left on device (ENOSPC) after writing 53248 bytes',
    });
    expect(readFileSync(path, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(directory)).toEqual(['model.json']);
  });

  it('stops with an error, not an endless loop, when a write makes no progress', () => {
    const { directory, path } = directoryWithGoodFile();
    const error = caught(() => writeFileAtomically(path, 'abc', { writeBytes: () => 0 }));
    expect((error as Error).message).toBe(
      `Cannot write ${path}: the file system accepted 0 of 3 bytes ` +
        `(ENOSPC) after writing 0 bytes; the file is unchanged`,
    );
    expect(readFileSync(path, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(directory)).toEqual(['model.json']);
  });
});

describe('writeFileAtomically', () => {
  it('writes a text given in pieces, cutting a long piece between characters, never inside a surrogate pair', () => {
    const { path } = directoryWithGoodFile();
    const long = `${'a'.repeat((1 << 20) - 1)}𝔁${'b'.repeat(10)}`; // the pair straddles the 1 Mi cut
    writeFileAtomically(path, ['[', long, ',"é"', ']'], { writeBytes: atMost(1 << 19) });
    expect(readFileSync(path).equals(Buffer.from(`[${long},"é"]`, 'utf8'))).toBe(true);
  });

  it('writes bytes as they are (every byte value), alone or as pieces among texts', () => {
    const { path } = directoryWithGoodFile();
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    writeFileAtomically(path, bytes);
    expect([...readFileSync(path)]).toEqual([...bytes]);
    writeFileAtomically(path, ['é', bytes.subarray(0, 2), 'x']);
    expect([...readFileSync(path)]).toEqual([0xc3, 0xa9, 255, 254, 0x78]);
  });

  it('throws an error from the pieces as it is, leaving the old file and no temporary file', () => {
    const { directory, path } = directoryWithGoodFile();
    const failure = new RangeError('Invalid string length');
    function* pieces() {
      yield '{"a":';
      throw failure;
    }
    expect(caught(() => writeFileAtomically(path, pieces()))).toBe(failure);
    expect(readFileSync(path, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(directory)).toEqual(['model.json']);
  });

  it('names the file, not the temporary file, when it cannot replace it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-atomic-'));
    const path = join(directory, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    const error = caught(() => writeFileAtomically(path, 'text'));
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Cannot write ${path}: cannot replace it: [a-z ]+ \\((EISDIR|ENOTEMPTY|EEXIST)\\); the file is unchanged$`,
      ),
    );
    expect(readdirSync(directory)).toEqual(['taken']);
  });

  it('refuses a path or content of the wrong type before touching the disk', () => {
    const { directory, path } = directoryWithGoodFile();
    expect(() => writeFileAtomically('', 'text')).toThrow(
      'writeFileAtomically: path must be a non-empty string, got ""',
    );
    expect(() => writeFileAtomically(null as unknown as string, 'text')).toThrow(
      'writeFileAtomically: path must be a non-empty string, got null',
    );
    expect(() => writeFileAtomically(path, null as unknown as string)).toThrow(
      'writeFileAtomically: content must be a string, a Uint8Array or an iterable of them, got null',
    );
    expect(() => writeFileAtomically(path, 42 as unknown as string)).toThrow(
      'writeFileAtomically: content must be a string, a Uint8Array or an iterable of them, got number',
    );
    expect(() => writeFileAtomically(path, [1] as unknown as string[])).toThrow(
      "writeFileAtomically: the content's pieces must be strings or Uint8Arrays, got number",
    );
    expect(readFileSync(path, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(directory)).toEqual(['model.json']);
  });

  it('names the file when the directory does not exist', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-atomic-'));
    const path = join(directory, 'missing', 'model.json');
    expect(caught(() => writeFileAtomically(path, 'text'))).toMatchObject({
      name: 'FileWriteError',
      code: 'ENOENT',
      message:
        `Cannot write ${path}: cannot create a temporary file in ` +
        `${join(directory, 'missing')}: no such file or directory (ENOENT); the file is unchanged`,
    });
  });

  it('does not write through symlinks planted at the temporary names earlier versions used (pid and time)', () => {
    const { directory, path } = directoryWithGoodFile();
    const victim = join(mkdtempSync(join(tmpdir(), 'bpnet-victim-')), 'victim');
    writeFileSync(victim, 'precious');
    const now = Date.now();
    for (let ms = now - 100; ms < now + 3000; ms++)
      symlinkSync(victim, join(directory, `.model.json.${process.pid}.${ms}.tmp`));
    writeFileAtomically(path, '{"new":true}');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"new":true}');
    const planted = readdirSync(directory).filter((name) => name !== 'model.json');
    expect(planted).toHaveLength(3100); // symlinks are left alone, never followed nor removed
    expect(readlinkSync(join(directory, planted[0]))).toBe(victim);
    rmSync(directory, { recursive: true });
  });
});
