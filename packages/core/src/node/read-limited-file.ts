import { readFileSync, statSync } from 'node:fs';
import { ModelFileError } from '../model/model-file-error.js';

/**
 * The text of a file of at most `maxLength` bytes, checked with `stat` before reading so an enormous file is
 * refused without being read.
 * @throws ModelFileError when the file cannot be read or is too large.
 */
export function readLimitedFile(path: string, maxLength: number, what: string): string {
  try {
    const size = statSync(path).size;
    if (size > maxLength) throw new ModelFileError(`${what}: ${size} bytes is over the limit of ${maxLength}`, what);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`${what}: cannot be read: ${(error as Error).message}`, what, { cause: error });
  }
}
