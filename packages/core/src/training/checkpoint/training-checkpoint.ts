import type { SamplerState, Sampling } from '../batch-sampler.js';
import type { EarlyStoppingOptions, EarlyStoppingState } from '../early-stopping.js';
import type { SavedSeries } from '../history-series.js';
import { brief } from '../../validation/brief.js';
import type { ModelFile } from '../../model/model-file.js';
import type { OptimizerState } from '../../optimizers/optimizer.js';
import type { RandomSourceState } from '../../random/random-source.js';

/** The format name every bpnet checkpoint carries. */
export const CHECKPOINT_FORMAT = 'bpnet-checkpoint';
/**
 * The checkpoint version this bpnet writes. 2 added the network's forward-pass random state and model state; 3
 * records the validation data, early stopping options and history limit in `settings`, stores each history series
 * bounded (`{ every, values }`, see {@link HISTORY_LIMIT}), and writes ±Infinity and NaN as strings.
 */
export const CHECKPOINT_VERSION = 3;

/**
 * The checkpoint versions this bpnet resumes from. Versions 1 and 2 do not record the validation data or the early
 * stopping options, so they resume only a run without either (and only when the checkpoint shows neither).
 */
export const CHECKPOINT_VERSIONS_READ: readonly number[] = [1, 2, 3];

/** A history series in a checkpoint: `{ every, values }` (version 3) or the list of every value (versions 1 and 2). */
export type CheckpointSeries = SavedSeries | readonly number[];

/**
 * Everything a training run needs to continue exactly where it was: the model, the optimizer's state, the random
 * source's state, the sampler's position, the iteration counter, the (bounded) history so far, and the settings and
 * data fingerprints that a resumed run must match. Plain JSON; its size does not grow with the number of iterations
 * done (the history keeps at most {@link HISTORY_LIMIT} values per series).
 */
export interface TrainingCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** 3 when written by this bpnet; versions 1 and 2 still resume runs without validation data or early stopping. */
  readonly version: number;
  /** The network: its spec (layer and loss kinds with their options), parameters and state. */
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
    /**
     * Fingerprint of the training inputs and targets (`dataFingerprint`): a resumed run must train on the same data.
     */
    readonly dataFingerprint: string;
    /** Version 3: the validation data's size and fingerprint, or null when the run had none. */
    readonly validation?: { readonly samples: number; readonly dataFingerprint: string } | null;
    /** Version 3: the early stopping options (minDelta filled in), or null when the run had none. */
    readonly earlyStopping?: Required<EarlyStoppingOptions> | null;
    /** Version 3: the most values kept per history series ({@link HISTORY_LIMIT}). */
    readonly historyLimit?: number;
  };
  /** The optimizer's state; its `kind` and `config` are the optimizer a resumed run must use. */
  readonly optimizer: OptimizerState;
  /** The state of the source batches are drawn from. */
  readonly random: RandomSourceState;
  /** The state of the network's own source for stochastic layers (`network.random`); absent when it has none. */
  readonly forwardRandom?: RandomSourceState;
  readonly sampler: SamplerState;
  /**
   * The history so far. `loss` has one entry per iteration done, the others one per epoch begun (the validation
   * series none without validation data), each bounded to {@link HISTORY_LIMIT} kept values.
   */
  readonly history: {
    readonly loss: CheckpointSeries;
    readonly accuracy: CheckpointSeries;
    readonly validationAccuracy: CheckpointSeries;
    readonly validationLoss: CheckpointSeries;
  };
  readonly earlyStopping?: EarlyStoppingState;
}

/**
 * Checks that `checkpoint` is a bpnet checkpoint of a version this bpnet resumes from.
 * @param what - the source, for the message, e.g. `'resume'` or `'Checkpoint file run.json'`.
 * @throws Error `"<what>: not a bpnet checkpoint of version 1, 2 or 3 (format …, version …)"`.
 */
export function expectCheckpointHeader(checkpoint: unknown, what: string): void {
  const header = checkpoint as { format?: unknown; version?: unknown } | null | undefined;
  if (header?.format !== CHECKPOINT_FORMAT || !CHECKPOINT_VERSIONS_READ.includes(header.version as number)) {
    const versions =
      `${CHECKPOINT_VERSIONS_READ.slice(0, -1).join(', ')} or ` +
      `${CHECKPOINT_VERSIONS_READ[CHECKPOINT_VERSIONS_READ.length - 1]}`;
    throw new Error(
      `${what}: not a bpnet checkpoint of version ${versions} (format ` +
        `${brief(header?.format)}, version ${brief(header?.version)})`,
    );
  }
}
