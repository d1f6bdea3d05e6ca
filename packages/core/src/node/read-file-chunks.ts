import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { ModelFileError } from '../model/model-file-error.js';

/** Bytes read at a time by {@link readFileChunks}. */
const CHUNK_BYTES = 1 << 20;

/**
 * The text of a file of at most `maxLength` bytes as UTF-8 pieces of about 1 MiB, read as they are asked for, so a
 * file far larger than one string can hold can be parsed piece by piece. The size is checked with `fstat` before the
 * first read, and again as bytes arrive (a file that grows while read is refused at the limit). The file is closed
 * when the pieces run out or the reader stops early.
 * @throws ModelFileError when the file cannot be read or is too large.
 */
export function* readFileChunks(path: string, maxLength: number, what: string): Generator<string, void, undefined> {
  const descriptor = attempt(what, () => openSync(path, 'r'));
  try {
    const size = attempt(what, () => fstatSync(descriptor).size);
    if (size > maxLength) throw new ModelFileError(`${what}: ${size} bytes is over the limit of ${maxLength}`, what);
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let total = 0;
    for (;;) {
      const count = attempt(what, () => readSync(descriptor, buffer, 0, CHUNK_BYTES, null));
      if (count === 0) break;
      total += count;
      if (total > maxLength)
        throw new ModelFileError(`${what}: over the limit of ${maxLength} bytes (it grew while being read)`, what);
      yield decoder.write(buffer.subarray(0, count));
    }
    yield decoder.end();
  } finally {
    closeSync(descriptor);
  }
}

function attempt<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new ModelFileError(`${what}: cannot be read: ${(error as Error).message}`, what, { cause: error });
  }
}
