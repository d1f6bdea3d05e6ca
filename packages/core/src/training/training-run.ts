import type { BatchSampler } from './batch-sampler.js';
import type { EarlyStopping } from './early-stopping.js';
import type { HistorySeries } from './history-series.js';
import type { Network } from '../network/network.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { RandomSource } from '../random/random-source.js';
import type { TrainingPlan } from './training-plan.js';

/** The series a run records: the loss per iteration, the others per epoch (see `TrainingHistory`). */
export interface RunHistory {
  readonly loss: HistorySeries;
  readonly accuracy: HistorySeries;
  readonly validationAccuracy: HistorySeries;
  readonly validationLoss: HistorySeries;
}

/** The mutable parts of a training run that a checkpoint saves and restores. */
export interface TrainingRun {
  readonly network: Network;
  readonly plan: TrainingPlan;
  /** The data's fingerprint, computed on first use (only checkpoints need it). */
  readonly fingerprint: () => string;
  /** The validation data's fingerprint ('' without validation data), computed on first use. */
  readonly validationFingerprint: () => string;
  readonly iterations: number;
  readonly optimizer: Optimizer;
  readonly random: RandomSource;
  readonly sampler: BatchSampler;
  readonly earlyStopping: EarlyStopping | undefined;
  readonly history: RunHistory;
}
