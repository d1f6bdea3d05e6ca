import { parseBoundedJson } from '../model/bounded-json.js';
import { jsonTextChunks } from '../model/json-text-chunks.js';
import { asModelFileError } from '../model/model-file-error.js';
import {
  DEFAULT_MAX_PARAMETER_VALUES,
  MAX_CHARACTERS_PER_STRUCTURE_VALUE,
  MAX_CHARACTERS_PER_VALUE,
} from '../model/model-limits.js';
import { expectCheckpointHeader, type TrainingCheckpoint } from '../training/checkpoint/training-checkpoint.js';
import { expectObject } from '../validation/validate.js';
import { CheckpointWriteError } from './checkpoint-write-error.js';
import { describeSystemError, FileWriteError } from './file-write-error.js';
import { readFileChunks } from './read-file-chunks.js';
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
export function fileCheckpoints(
  path: string,
  options: AtomicWriteOptions = {},
): (checkpoint: TrainingCheckpoint) => void {
  removeStaleTemporaryFiles(path);
  expectWritablePath(path, 'checkpoints');
  return (checkpoint) => {
    try {
      writeFileAtomically(path, jsonTextChunks(checkpoint), options);
    } catch (error) {
      if (error instanceof FileWriteError)
        throw new CheckpointWriteError(checkpoint, path, error.reason, error.code, { cause: error });
      throw new CheckpointWriteError(
        checkpoint,
        path,
        `it cannot be serialized: ${describeSystemError(error).text}`,
        undefined,
        { cause: error },
      );
    }
  };
}

/** Bounds on what a checkpoint file may hold (see {@link loadCheckpointFile}). */
export interface CheckpointLimits {
  /** Most parameter values of its model; default 50 million, as for model files. */
  readonly maxParameterValues?: number;
  /**
   * Most other JSON values (the sampler's order of the samples, the history, keys and strings); default 8 million:
   * a data set of a few million samples and the 4 × 10,000 history values a checkpoint keeps at most.
   */
  readonly maxStructureValues?: number;
  /** Longest file, in bytes; default what those two allow (see below). */
  readonly maxLength?: number;
}

/**
 * How many lists of parameter-sized numbers a checkpoint holds at most: the model's values, the optimizer's slots
 * (two for Adam) and early stopping's best values.
 */
const PARAMETER_SIZED_LISTS = 4;

/** Where a checkpoint holds long lists of numbers, read into Float64Arrays outside the JavaScript heap. */
const CHECKPOINT_NUMBER_LISTS = [
  ['model', 'parameters', '*', 'values'],
  ['model', 'state', '*', 'values'],
  ['optimizer', 'slots', '*', '*'],
  ['earlyStopping', 'bestValues', '*'],
];

/**
 * Reads a checkpoint written by {@link fileCheckpoints}, checking its format and version (the model and states inside
 * are checked when training resumes). The file is read 1 MiB at a time and parsed as it is read within `limits`
 * (a number is taken as `maxLength`): the first value past a bound is refused before it is allocated, so no file can
 * crash the process or use memory beyond what the bounds allow. Default `maxLength`: 25 characters per number ×
 * 4 × `maxParameterValues` + 64 per other value × `maxStructureValues` (5,512,000,000).
 * @throws ModelFileError naming the file and what is wrong with it.
 */
export function loadCheckpointFile(path: string, limits: CheckpointLimits | number = {}): TrainingCheckpoint {
  const what = `Checkpoint file ${path}`;
  const {
    maxParameterValues = DEFAULT_MAX_PARAMETER_VALUES,
    maxStructureValues = 8_000_000,
    maxLength: givenLength,
  } = typeof limits === 'number' ? { maxLength: limits } : limits;
  const maxTypedValues = PARAMETER_SIZED_LISTS * maxParameterValues;
  const maxLength =
    givenLength ?? MAX_CHARACTERS_PER_VALUE * maxTypedValues + MAX_CHARACTERS_PER_STRUCTURE_VALUE * maxStructureValues;
  return asModelFileError(what, () => {
    const bounds = { maxStructureValues, maxTypedValues, typedArrayPaths: CHECKPOINT_NUMBER_LISTS };
    const checkpoint = expectObject(parseBoundedJson(readFileChunks(path, maxLength, what), what, bounds), what);
    expectCheckpointHeader(checkpoint, what);
    expectObject(checkpoint.model, `${what}: model`);
    return checkpoint as unknown as TrainingCheckpoint;
  });
}
