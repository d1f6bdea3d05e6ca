import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { brief } from '../validation/brief.js';
import { describeSystemError, FileWriteError } from './file-write-error.js';
import { removeStaleTemporaryFiles } from './stale-temporary-files.js';
import { createTemporaryFile, type TemporaryFile } from './temporary-file.js';
import { type FileContent, contentPieces } from './content-pieces.js';
import { DescriptorWriter, systemWriteBytes, type WriteBytes } from './write-all.js';

/** How {@link writeFileAtomically} writes. */
export interface AtomicWriteOptions {
  /**
   * The system call that writes bytes (default `fs.writeSync`); it may write fewer bytes than asked, and the rest
   * are written by further calls. Replace it to simulate a full disk in a test, or to observe the writes.
   */
  readonly writeBytes?: WriteBytes;
}

/**
 * Writes `content` (a text as UTF-8, bytes, or pieces of either) to `path` so that a crash or failure at any moment
 * leaves either the old file or the complete new one:
 * - temporary files that killed writers left beside `path` are removed first (see `removeStaleTemporaryFiles`);
 * - the content goes to a new temporary file beside `path`, created exclusively under an unpredictable name (never
 *   through an existing file or symlink);
 * - every byte is written (a short write, as on a full file system, is continued until it completes or fails), then
 *   flushed to disk (fsync), and the file replaces `path` by a rename, atomic on the same file system; the directory
 *   is then flushed where the platform allows.
 * On any failure the temporary file is removed and `path` is unchanged.
 * @throws TypeError when `path` is not a non-empty string or `content` is neither a string nor an iterable.
 * @throws FileWriteError naming `path` (not the temporary file) and the reason, e.g.
 * `Cannot write /data/model.json: no space left on device (ENOSPC) after writing 53248 bytes; the file is unchanged`.
 * An error thrown while producing `content`'s pieces is thrown as it is, after the same clean-up.
 */
export function writeFileAtomically(path: string, content: FileContent, options: AtomicWriteOptions = {}): void {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`writeFileAtomically: path must be a non-empty string, got ${brief(path)}`);
  if (
    typeof content !== 'string' &&
    typeof (content as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function'
  ) {
    throw new TypeError(
      `writeFileAtomically: content must be a string, a Uint8Array or an iterable of ` +
        `them, got ${content === null ? 'null' : typeof content}`,
    );
  }
  removeStaleTemporaryFiles(path);
  const temporary = attempt(
    path,
    (system) => `cannot create a temporary file in ${dirname(path)}: ${system}`,
    () => createTemporaryFile(path),
  );
  const writer = new DescriptorWriter(temporary.descriptor, options.writeBytes ?? systemWriteBytes);
  try {
    for (const bytes of contentPieces(content))
      attempt(
        path,
        (system) => `${system} after writing ${writer.written} bytes`,
        () => writer.write(bytes),
      );
    attempt(
      path,
      (system) => `${system} while flushing ${writer.written} bytes to disk`,
      () => fsyncSync(temporary.descriptor),
    );
  } catch (error) {
    discard(temporary, true);
    throw error;
  }
  attempt(
    path,
    (system) => `${system} while closing the file after writing ${writer.written} bytes`,
    () => closeWithCleanUp(temporary),
  );
  attempt(
    path,
    (system) => `cannot replace it: ${system}`,
    () => renameWithCleanUp(temporary, path),
  );
  flushDirectory(dirname(path));
}

/**
 * Runs the system call `call`, turning its failure into a {@link FileWriteError} about `path` whose reason is
 * `reason(the system's error)`.
 */
function attempt<T>(path: string, reason: (system: string) => string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const system = describeSystemError(error);
    const text = reason(system.text);
    throw new FileWriteError(`Cannot write ${path}: ${text}; the file is unchanged`, path, text, system.code, {
      cause: error,
    });
  }
}

function closeWithCleanUp(temporary: TemporaryFile): void {
  try {
    closeSync(temporary.descriptor);
  } catch (error) {
    discard(temporary, false);
    throw error;
  }
}

function renameWithCleanUp(temporary: TemporaryFile, path: string): void {
  try {
    renameSync(temporary.path, path);
  } catch (error) {
    discard(temporary, false);
    throw error;
  }
}

/** Closes (when still open) and removes a temporary file after a failure, ignoring errors in doing so. */
function discard(temporary: TemporaryFile, open: boolean): void {
  if (open) {
    try {
      closeSync(temporary.descriptor);
    } catch {
      // Already failing: the removal below is what matters.
    }
  }
  try {
    rmSync(temporary.path, { force: true });
  } catch {
    // Cannot remove it either (it is then stale, and a later write removes it): the original failure is reported.
  }
}

function flushDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, 'r');
    fsyncSync(descriptor);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename itself is still atomic.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
