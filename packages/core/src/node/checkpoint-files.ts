import { asModelFileError } from '../model/model-file-error.js';
import { parseUntrustedJson } from '../model/safe-json.js';
import { expectCheckpointHeader, type TrainingCheckpoint } from '../training-checkpoint.js';
import { expectObject } from '../validate.js';
import { CheckpointWriteError } from './checkpoint-write-error.js';
import { describeSystemError, FileWriteError } from './file-write-error.js';
import { readLimitedFile } from './read-limited-file.js';
import { removeStaleTemporaryFiles } from './stale-temporary-files.js';
import { expectWritablePath } from './writable-directory.js';
import { type AtomicWriteOptions, writeFileAtomically } from './write-file-atomically.js';

/**
 * A `checkpoint.write` for the trainer that saves each checkpoint to `path` atomically (see `writeFileAtomically`):
 * a crash, a full disk or any other failure, even in the middle of a write, leaves the previous complete checkpoint.
 *
 * At once, before training starts, removes the temporary files a killed run left beside `path` (see
 * `removeStaleTemporaryFiles`) and checks that checkpoints can be written there (see `expectWritablePath`).
 * A later failure throws a {@link CheckpointWriteError} that names `path` and holds the checkpoint that could not be
 * written, so the run can be resumed from it exactly.
 *
 * ```ts
 * train(network, X, labels, { ..., checkpoint: { every: 100, write: fileCheckpoints('run.checkpoint.json') } });
 * ```
 * @param options - how the files are written (`writeBytes`: the system call, replaceable to simulate a full disk).
 * @throws FileWriteError `"Cannot write checkpoints to <path>: <reason>"` when `path` cannot be written.
 */
export function fileCheckpoints(path: string, options: AtomicWriteOptions = {}): (checkpoint: TrainingCheckpoint) => void {
  removeStaleTemporaryFiles(path);
  expectWritablePath(path, 'checkpoints');
  return (checkpoint) => {
    try {
      writeFileAtomically(path, JSON.stringify(checkpoint), options);
    } catch (error) {
      if (error instanceof FileWriteError) throw new CheckpointWriteError(checkpoint, path, error.reason, error.code, { cause: error });
      throw new CheckpointWriteError(checkpoint, path, `it cannot be serialized: ${describeSystemError(error).text}`, undefined, { cause: error });
    }
  };
}

/**
 * Reads a checkpoint written by {@link fileCheckpoints}, checking its size, JSON, keys, format and version (the model
 * and states inside are checked when training resumes).
 * @throws ModelFileError naming the file and what is wrong with it.
 */
export function loadCheckpointFile(path: string, maxLength = 2 ** 30): TrainingCheckpoint {
  const what = `Checkpoint file ${path}`;
  return asModelFileError(what, () => {
    const checkpoint = expectObject(parseUntrustedJson(readLimitedFile(path, maxLength, what), what, maxLength), what);
    expectCheckpointHeader(checkpoint, what);
    expectObject(checkpoint.model, `${what}: model`);
    return checkpoint as unknown as TrainingCheckpoint;
  });
}
