import type { SamplerState } from './batch-sampler.js';
import type { EarlyStoppingState } from './early-stopping.js';
import { brief } from './model/brief.js';
import type { ModelFile } from './model/model-file.js';
import type { OptimizerState } from './optimizers/optimizer.js';
import type { RandomSourceState } from './random-source.js';
import type { Sampling } from './training-options.js';

/** The format name every bpnet checkpoint carries. */
export const CHECKPOINT_FORMAT = 'bpnet-checkpoint';
/** The checkpoint version this bpnet writes: 2 adds the network's forward-pass random state and model state. */
export const CHECKPOINT_VERSION = 2;

/** The checkpoint versions this bpnet resumes from. */
export const CHECKPOINT_VERSIONS_READ: readonly number[] = [1, 2];

/**
 * Everything a training run needs to continue exactly where it was: the model, the optimizer's state, the random
 * source's state, the sampler's position, the iteration counter, the history so far, and the settings and data
 * fingerprint that a resumed run must match. Plain JSON.
 */
export interface TrainingCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** 2 when written by this bpnet; version 1 checkpoints (networks without stochastic layers or state) still resume. */
  readonly version: number;
  readonly model: ModelFile;
  /** Iterations completed. */
  readonly iteration: number;
  /** Iterations planned. */
  readonly iterations: number;
  readonly settings: {
    readonly learningRate: number;
    readonly batchSize: number;
    readonly sampling: Sampling;
    readonly samples: number;
    /** Fingerprint of the training inputs and targets (`dataFingerprint`): a resumed run must train on the same data. */
    readonly dataFingerprint: string;
  };
  readonly optimizer: OptimizerState;
  /** The state of the source batches are drawn from. */
  readonly random: RandomSourceState;
  /** The state of the network's own source for stochastic layers (`network.random`); absent when it has none. */
  readonly forwardRandom?: RandomSourceState;
  readonly sampler: SamplerState;
  readonly history: {
    readonly loss: readonly number[];
    readonly accuracy: readonly number[];
    readonly validationAccuracy: readonly number[];
    readonly validationLoss: readonly number[];
  };
  readonly earlyStopping?: EarlyStoppingState;
}

/**
 * Checks that `checkpoint` is a bpnet checkpoint of a version this bpnet resumes from.
 * @param what - the source, for the message, e.g. `'resume'` or `'Checkpoint file run.json'`.
 * @throws Error `"<what>: not a bpnet checkpoint of version 1 or 2 (format …, version …)"`.
 */
export function expectCheckpointHeader(checkpoint: unknown, what: string): void {
  const header = checkpoint as { format?: unknown; version?: unknown } | null | undefined;
  if (header?.format !== CHECKPOINT_FORMAT || !CHECKPOINT_VERSIONS_READ.includes(header.version as number)) {
    throw new Error(
      `${what}: not a bpnet checkpoint of version ${CHECKPOINT_VERSIONS_READ.join(' or ')} (format ${brief(header?.format)}, version ${brief(header?.version)})`,
    );
  }
}
