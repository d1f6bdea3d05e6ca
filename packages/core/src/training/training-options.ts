import type { InputData, TargetData } from '../network/batch-data.js';
import type { EarlyStoppingOptions } from './early-stopping.js';
import type { Network } from '../network/network.js';
import type { TrainingCheckpoint } from './checkpoint/training-checkpoint.js';
import type { Optimizer, OptimizerSpec, OptimizerState } from '../optimizers/optimizer.js';
import type { RandomSource } from '../random/random-source.js';
import type { Sampling } from './batch-sampler.js';

/** How each iteration's batch is chosen. */
export type { Sampling } from './batch-sampler.js';

/** Options of {@link Trainer.train} and {@link train}. */
export interface TrainOptions {
  /** η in Δw = −η ∂J/∂w; a positive finite number. */
  readonly learningRate: number;
  /** Number of updates. Give this or `epochs`; without either, 100 iterations. */
  readonly iterations?: number;
  /** Number of epochs; the iterations are `epochs × iterationsPerEpoch`. */
  readonly epochs?: number;
  /** Samples per batch, 1..N; default min(15, N). With batch size N every step is full-batch gradient descent. */
  readonly batchSize?: number;
  /**
   * `'random-batch'` (default, as the reference program): each iteration draws `batchSize` distinct samples at random.
   * `'epoch'`: shuffled passes over the data, in consecutive batches (the last one may be smaller).
   * When `batchSize` is N, both use every sample in its given order and draw nothing.
   */
  readonly sampling?: Sampling;
  /** Seeds a fresh random source for sampling; otherwise the trainer's own source is used. */
  readonly seed?: number;
  /** A random source to draw batches from (takes precedence over `seed`). */
  readonly random?: RandomSource;
  /**
   * The update rule: an optimizer instance (its state carries over between calls) or a spec resolved through the
   * trainer's registered kinds, e.g. `{ kind: 'adam' }`; default `{ kind: 'sgd' }`, Δw = −η ∂J/∂w.
   */
  readonly optimizer?: Optimizer | OptimizerSpec;
  /** A saved optimizer state (a history's `optimizerState`) to continue from. */
  readonly optimizerState?: OptimizerState;
  /** Data whose accuracy is recorded once per epoch. */
  readonly validation?: { readonly inputs: InputData; readonly labels: TargetData };
  /** Called after every iteration. */
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Called once per epoch, on the iterations that record the accuracy, after the update (e.g. a diagnosis monitor). */
  readonly onEpoch?: (event: { readonly epoch: number; readonly iteration: number; readonly network: Network }) => void;
  /**
   * Stop when the validation loss (measured once per epoch) has not improved by more than `minDelta` for
   * `patience` epochs, and restore the parameters of the best epoch. Needs `validation`.
   */
  readonly earlyStopping?: EarlyStoppingOptions;
  /**
   * Write a checkpoint every `every` iterations, and when `signal` aborts, through `write` (e.g.
   * `fileCheckpoints(path)` from `@bpnet/core/node`, which writes atomically). Needs a random source with
   * saveState/loadState.
   */
  readonly checkpoint?: { readonly every: number; readonly write: (checkpoint: TrainingCheckpoint) => void };
  /** Stops training cleanly between iterations when aborted (after writing a checkpoint, if configured). */
  readonly signal?: AbortSignal;
  /**
   * Continue from this checkpoint. Everything that changes the result must be the same as in the run that wrote
   * it: the network's spec, learning rate, batch size, sampling, training data, validation data (or none), optimizer
   * kind and options, early stopping options (or none) and planned iterations; otherwise training throws, naming
   * what differs, before anything changes.
   */
  readonly resumeFrom?: TrainingCheckpoint;
}

/** What the progress callback receives after each iteration. */
export interface TrainingProgress {
  /** Iterations done so far, 1..iterations. */
  readonly iteration: number;
  readonly iterations: number;
  /** The current epoch, 0-based: ⌊(iteration − 1) / iterationsPerEpoch⌋. */
  readonly epoch: number;
  /** J of this iteration's batch, before the update. */
  readonly loss: number;
  /** The batch accuracy after the update, on iterations that record it (once per epoch). */
  readonly accuracy?: number;
  /** The validation accuracy, on the same iterations, when validation data is given. */
  readonly validationAccuracy?: number;
}

/**
 * What training returns. Each series keeps at most `HISTORY_LIMIT` (10,000) values, so that a run of any length
 * fits in memory and in a bounded checkpoint: a run with more iterations keeps the loss of every `lossEvery`-th
 * iteration (a power of two, the smallest that fits), a run with more epochs the per-epoch values of every
 * `epochEvery`-th epoch. Shorter runs keep every value (`lossEvery` and `epochEvery` are 1). A resumed run returns
 * the same history as one that never stopped.
 */
export interface TrainingHistory {
  /**
   * J of the batch (mean over the batch of ½‖t − z‖² for squared error), before its update, of iterations
   * 0, lossEvery, 2·lossEvery, … (0-based): every iteration when lossEvery is 1.
   */
  readonly loss: number[];
  /** The stride of `loss`: 1 for runs of up to 10,000 iterations, then 2, 4, … */
  readonly lossEvery: number;
  /**
   * The accuracy on the current batch after the update, recorded once per epoch, on the iterations i (0-based)
   * with i mod iterationsPerEpoch = 0, as the reference program's `train_acc_history`; of epochs 0, epochEvery,
   * 2·epochEvery, ….
   */
  readonly accuracy: number[];
  /** The stride of the per-epoch series: 1 for runs of up to 10,000 epochs, then 2, 4, … */
  readonly epochEvery: number;
  /** The validation accuracy on the same iterations (empty without validation data). */
  readonly validationAccuracy: number[];
  /** J on the validation data on the same iterations (empty without validation data); may be Infinity or NaN. */
  readonly validationLoss: number[];
  /** Whether early stopping ended the run before its last iteration. */
  readonly stoppedEarly: boolean;
  /** Whether `signal` stopped the run before its last iteration. */
  readonly interrupted: boolean;
  /** With early stopping, the epoch whose parameters the network was left with. */
  readonly bestEpoch?: number;
  /** random-batch: max(⌊N / batchSize⌋, 1); epoch: ⌈N / batchSize⌉. */
  readonly iterationsPerEpoch: number;
  readonly batchSize: number;
  /** The optimizer's state after the last step, to save or to continue from (`optimizerState` option). */
  readonly optimizerState: OptimizerState;
}
