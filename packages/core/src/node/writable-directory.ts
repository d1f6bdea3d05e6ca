import { closeSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { describeSystemError, FileWriteError } from './file-write-error.js';
import { createTemporaryFile, type TemporaryFile } from './temporary-file.js';
import { DescriptorWriter } from './write-all.js';

/**
 * Checks that `path` can be written by `writeFileAtomically` before anything depends on it: its directory exists and
 * is a directory, `path` is not a directory, and a file can be created and written there (a one-byte probe, created
 * the way the temporary files are and removed at once; a full file system refuses even that byte).
 * @param what - what is to be written there, for the message, e.g. `'checkpoints'`.
 * @throws FileWriteError `"Cannot write <what> to <path>: <reason>"` naming `path`, e.g.
 * `the directory /runs does not exist`, `cannot create a file in /runs: read-only file system (EROFS)`.
 */
export function expectWritablePath(path: string, what: string): void {
  const directory = dirname(path);
  const fail = (reason: string, cause?: unknown): FileWriteError =>
    new FileWriteError(
      `Cannot write ${what} to ${path}: ${reason}`,
      path,
      reason,
      cause === undefined ? undefined : describeSystemError(cause).code,
      { cause },
    );
  const directoryStatus = examine(directory);
  if (directoryStatus === undefined) throw fail(`the directory ${directory} does not exist`);
  if (directoryStatus instanceof Error)
    throw fail(
      `cannot examine the directory ${directory}: ${describeSystemError(directoryStatus).text}`,
      directoryStatus,
    );
  if (!directoryStatus.isDirectory()) throw fail(`${directory} is not a directory`);
  const status = examine(path);
  if (status instanceof Error) throw fail(`cannot examine it: ${describeSystemError(status).text}`, status);
  if (status?.isDirectory()) throw fail('it is a directory');
  let probe: TemporaryFile;
  try {
    probe = createTemporaryFile(path);
  } catch (error) {
    throw fail(`cannot create a file in ${directory}: ${describeSystemError(error).text}`, error);
  }
  try {
    new DescriptorWriter(probe.descriptor).write(Uint8Array.of(0x0a));
  } catch (error) {
    throw fail(`cannot write a file in ${directory}: ${describeSystemError(error).text}`, error);
  } finally {
    closeSync(probe.descriptor);
    rmSync(probe.path, { force: true });
  }
}

/** `path`'s status; undefined when nothing is there; the error when it cannot be examined. */
function examine(path: string): Stats | Error | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
