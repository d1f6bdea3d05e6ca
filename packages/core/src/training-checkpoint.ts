import type { SamplerState } from './batch-sampler.js';
import type { EarlyStoppingState } from './early-stopping.js';
import type { ModelFile } from './model/model-file.js';
import type { OptimizerState } from './optimizers/optimizer.js';
import type { RandomSourceState } from './random-source.js';
import type { Sampling } from './training-options.js';

/** The format name every bpnet checkpoint carries. */
export const CHECKPOINT_FORMAT = 'bpnet-checkpoint';
/** The checkpoint version this bpnet writes and reads. */
export const CHECKPOINT_VERSION = 1;

/**
 * Everything a training run needs to continue exactly where it was: the model, the optimizer's state, the random
 * source's state, the sampler's position, the iteration counter, the history so far, and the settings and data
 * fingerprint that a resumed run must match. Plain JSON.
 */
export interface TrainingCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: typeof CHECKPOINT_VERSION;
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
  readonly random: RandomSourceState;
  readonly sampler: SamplerState;
  readonly history: {
    readonly loss: readonly number[];
    readonly accuracy: readonly number[];
    readonly validationAccuracy: readonly number[];
    readonly validationLoss: readonly number[];
  };
  readonly earlyStopping?: EarlyStoppingState;
}
