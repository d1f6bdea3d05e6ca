import { asModelFileError } from '../model/model-file-error.js';
import { parseUntrustedJson } from '../model/safe-json.js';
import { expectCheckpointHeader, type TrainingCheckpoint } from '../training-checkpoint.js';
import { expectObject } from '../validate.js';
import { readLimitedFile } from './read-limited-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * A `checkpoint.write` for the trainer that saves each checkpoint to `path` atomically (temporary file, fsync,
 * rename): a crash, even in the middle of a write, leaves the previous complete checkpoint.
 *
 * ```ts
 * train(network, X, labels, { ..., checkpoint: { every: 100, write: fileCheckpoints('run.checkpoint.json') } });
 * ```
 */
export function fileCheckpoints(path: string): (checkpoint: TrainingCheckpoint) => void {
  return (checkpoint) => writeFileAtomically(path, JSON.stringify(checkpoint));
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
