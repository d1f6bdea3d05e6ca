import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary file created for writing, and the descriptor it is open on. */
export interface TemporaryFile {
  readonly path: string;
  readonly descriptor: number;
}

/**
 * The name of a new temporary file for `path`, in the same directory (so a rename onto `path` is atomic):
 * `.<basename>.<pid>.<32 hex digits>.tmp`, the digits from 16 cryptographically random bytes so that no other user
 * can predict it and plant a file or symlink there; the pid lets {@link isTemporaryFileOf} tell which process wrote it.
 */
export function temporaryFileName(path: string, random: () => string = () => randomBytes(16).toString('hex')): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${random()}.tmp`);
}

/**
 * Creates a new temporary file for `path` (see {@link temporaryFileName}) exclusively (`'wx'`: `O_CREAT | O_EXCL`),
 * so it never opens an existing file and never follows a symlink: if anything already has the name, it fails with
 * `EEXIST` instead of writing through it.
 * @param random - the random part of the name (tests give a fixed one).
 * @throws the system's error when the file cannot be created.
 */
export function createTemporaryFile(path: string, random?: () => string): TemporaryFile {
  const temporary = temporaryFileName(path, random);
  return { path: temporary, descriptor: openSync(temporary, 'wx', 0o644) };
}

/**
 * The id of the process that wrote `name` when it is the name of a temporary file for a file named `base`
 * (`.<base>.<pid>.<hex digits>.tmp`, including those of earlier bpnet versions, whose last part was a time in
 * milliseconds), else undefined.
 */
export function temporaryFileWriter(name: string, base: string): number | undefined {
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix) || !name.endsWith('.tmp')) return undefined;
  const match = /^(\d{1,10})\.[0-9a-f]{1,64}$/.exec(name.slice(prefix.length, -'.tmp'.length));
  return match === null ? undefined : Number(match[1]);
}
