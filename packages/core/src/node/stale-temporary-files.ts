import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryFileWriter } from './temporary-file.js';

/** A temporary file not modified for this long is stale even if a process with its writer's pid is running. */
export const STALE_TEMPORARY_FILE_AGE_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files that writes of `path` left behind when their process was killed: the regular files
 * beside `path` named `.<basename>.<pid>.<hex digits>.tmp` whose process is no longer running, or that have not
 * been modified for {@link STALE_TEMPORARY_FILE_AGE_MS} (10 minutes; this also catches a pid that a new process
 * reused after a restart). A write in progress modifies its file continually and takes far less than that, and
 * removing the file of a write in progress only makes that write fail (its rename finds no file); the file being
 * replaced is never touched. Anything else in the directory (other names, directories, symlinks) is left alone.
 * Best effort: a file that cannot be listed, examined or removed is left, and no error is thrown.
 * @returns the names removed.
 */
export function removeStaleTemporaryFiles(path: string, now: number = Date.now()): string[] {
  const directory = dirname(path);
  const base = basename(path);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = temporaryFileWriter(name, base);
    if (pid === undefined) continue;
    try {
      const status = lstatSync(join(directory, name));
      if (!status.isFile()) continue;
      if (isRunning(pid) && now - status.mtimeMs < STALE_TEMPORARY_FILE_AGE_MS) continue;
      rmSync(join(directory, name), { force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Whether a process with id `pid` is running (one owned by another user counts as running). */
function isRunning(pid: number): boolean {
  if (!(pid > 0 && pid <= 0x7fffffff)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
