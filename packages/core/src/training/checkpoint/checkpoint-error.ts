import { brief } from '../../validation/brief.js';
import type { TrainingCheckpoint } from './training-checkpoint.js';

/**
 * A `checkpoint.write` given to the trainer threw. Checkpoints are written between iterations, so the run stopped
 * at a consistent point: the network holds its parameters after `checkpoint.iteration` iterations, and
 * `checkpoint` is the complete checkpoint that could not be written — resume from it
 * (`resumeTraining(container, error.checkpoint, …)`) and the run continues exactly as if it had not stopped.
 * The writer's own error is the `cause`.
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';

  constructor(
    /** The checkpoint that could not be written. */
    readonly checkpoint: TrainingCheckpoint,
    cause: unknown,
  ) {
    super(
      `train: checkpoint.write failed at iteration ${checkpoint.iteration}: ${describeCause(cause)}; ` +
        "the run stopped there, and this error's checkpoint property holds the checkpoint to resume from",
      { cause },
    );
  }
}

/** The writer's error in at most 300 characters. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return brief(cause, 300);
  return cause.message.length > 300
    ? `${cause.message.slice(0, 300)}… (${cause.message.length} characters)`
    : cause.message;
}

/**
 * Calls `write` with `checkpoint`; an error that does not already carry the checkpoint (as `fileCheckpoints`'
 * CheckpointWriteError does) becomes a {@link CheckpointError} holding it, so no failure of a writer loses the run.
 */
export function writeCheckpoint(write: (checkpoint: TrainingCheckpoint) => void, checkpoint: TrainingCheckpoint): void {
  try {
    write(checkpoint);
  } catch (error) {
    if ((error as { checkpoint?: unknown } | null)?.checkpoint === checkpoint) throw error;
    throw new CheckpointError(checkpoint, error);
  }
}
