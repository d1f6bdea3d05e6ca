import type { TrainingCheckpoint } from '../training/checkpoint/training-checkpoint.js';
import { FileWriteError } from './file-write-error.js';

/**
 * A checkpoint could not be written to its file (see `fileCheckpoints`). The file still holds the previous checkpoint
 * (or nothing), and the checkpoint that could not be written is kept here, complete: write it elsewhere, or resume
 * from it directly (`resumeTraining(container, error.checkpoint, …)`), and the run continues exactly as if it had
 * not stopped.
 */
export class CheckpointWriteError extends FileWriteError {
  override readonly name = 'CheckpointWriteError';

  constructor(
    /** The checkpoint that could not be written. */
    readonly checkpoint: TrainingCheckpoint,
    path: string,
    reason: string,
    code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot write the checkpoint of iteration ${checkpoint.iteration} to ${path}: ${reason}; the file is ` +
        `unchanged, and this error's checkpoint property holds the checkpoint to resume from`,
      path,
      reason,
      code,
      options,
    );
  }
}
