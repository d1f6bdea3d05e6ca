import type { BatchSampler } from './batch-sampler.js';
import { type EarlyStopping, keptValues } from './early-stopping.js';
import { restoreNetworkValues } from './model/restore-network-values.js';
import { saveModel } from './model/save-model.js';
import type { Network } from './network.js';
import type { Optimizer } from './optimizers/optimizer.js';
import type { RandomSource } from './random-source.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, expectCheckpointHeader, type TrainingCheckpoint } from './training-checkpoint.js';
import type { TrainingPlan } from './training-plan.js';

/** The mutable parts of a training run that a checkpoint saves and restores. */
export interface TrainingRun {
  readonly network: Network;
  readonly plan: TrainingPlan;
  /** The data's fingerprint, computed on first use (only checkpoints need it). */
  readonly fingerprint: () => string;
  readonly iterations: number;
  readonly optimizer: Optimizer;
  readonly random: RandomSource;
  readonly sampler: BatchSampler;
  readonly earlyStopping: EarlyStopping | undefined;
  readonly history: { loss: number[]; accuracy: number[]; validationAccuracy: number[]; validationLoss: number[] };
}

/** A checkpoint of `run` after `iteration` completed iterations. */
export function captureCheckpoint(run: TrainingRun, iteration: number): TrainingCheckpoint {
  const { plan, random } = run;
  if (typeof random.saveState !== 'function') {
    throw new Error('train: checkpoints need a random source with saveState and loadState (SeededRandom and NumpyRandomState have them)');
  }
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    model: saveModel(run.network),
    iteration,
    iterations: run.iterations,
    settings: { learningRate: plan.learningRate, batchSize: plan.batchSize, sampling: plan.sampling, samples: plan.inputs.rows, dataFingerprint: run.fingerprint() },
    optimizer: run.optimizer.saveState(),
    random: random.saveState(),
    ...(run.network.random === undefined ? {} : { forwardRandom: run.network.random.saveState() }),
    sampler: run.sampler.saveState(),
    history: {
      loss: [...run.history.loss],
      accuracy: [...run.history.accuracy],
      validationAccuracy: [...run.history.validationAccuracy],
      validationLoss: [...run.history.validationLoss],
    },
    earlyStopping: run.earlyStopping?.saveState(),
  };
}

/**
 * Puts `run` in the state `checkpoint` saved and returns the iteration to continue from. The settings and data must
 * match; on any failure the network's parameters, state and forward-pass random source are put back as they were
 * and the error is rethrown.
 * @throws Error naming the first mismatch.
 */
export function restoreCheckpoint(run: TrainingRun, checkpoint: TrainingCheckpoint): number {
  expectMatchingSettings(run, checkpoint);
  const { network } = run;
  const parameters = network.parameters();
  const kept = keptValues(network);
  const before = kept.map(({ value }) => value.data.slice());
  const forwardRandomBefore = network.random?.saveState();
  try {
    const model = checkpoint.model as { parameters?: unknown; state?: unknown } | undefined;
    restoreNetworkValues(network, model?.parameters, checkpoint.version === 1 ? [] : model?.state, 'resume: the checkpoint\'s model');
    restoreForwardRandom(run, checkpoint);
    run.optimizer.loadState(checkpoint.optimizer, parameters);
    if (typeof run.random.loadState !== 'function') throw new Error('resume: the random source cannot load a saved state');
    run.random.loadState(checkpoint.random);
    run.sampler.loadState(checkpoint.sampler ?? {});
    if (run.earlyStopping !== undefined) {
      if (checkpoint.earlyStopping === undefined) throw new Error('resume: the checkpoint was written without early stopping');
      run.earlyStopping.loadState(checkpoint.earlyStopping, kept);
    }
    for (const key of ['loss', 'accuracy', 'validationAccuracy', 'validationLoss'] as const) {
      const saved = checkpoint.history?.[key];
      if (!Array.isArray(saved) || !saved.every((v) => typeof v === 'number')) throw new Error(`resume: the checkpoint's history.${key} is not a list of numbers`);
      run.history[key].push(...saved);
    }
    if (run.history.loss.length !== checkpoint.iteration) throw new Error(`resume: the checkpoint holds ${run.history.loss.length} losses for ${checkpoint.iteration} iterations`);
  } catch (error) {
    kept.forEach(({ value }, i) => value.data.set(before[i]));
    if (forwardRandomBefore !== undefined) network.random?.loadState(forwardRandomBefore);
    for (const list of Object.values(run.history)) list.length = 0;
    throw error;
  }
  return checkpoint.iteration;
}

/** Continues the network's forward-pass source from the checkpoint (a network without one needs none saved). */
function restoreForwardRandom(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const saved = checkpoint.forwardRandom;
  const source = run.network.random;
  if (source === undefined) {
    if (saved !== undefined) throw new Error('resume: the checkpoint has a forward-pass random state but this network has no stochastic layer');
    return;
  }
  if (saved === undefined) throw new Error('resume: the network has stochastic layers but the checkpoint saved no forward-pass random state (forwardRandom)');
  source.loadState(saved);
}

function expectMatchingSettings(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  expectCheckpointHeader(checkpoint, 'resume');
  const expected = { learningRate: run.plan.learningRate, batchSize: run.plan.batchSize, sampling: run.plan.sampling, samples: run.plan.inputs.rows, dataFingerprint: run.fingerprint() };
  for (const [key, value] of Object.entries(expected)) {
    const saved = (checkpoint.settings as Record<string, unknown> | undefined)?.[key];
    if (saved !== value) throw new Error(`resume: ${key} is ${JSON.stringify(value)} but the checkpoint was trained with ${JSON.stringify(saved)}; resume with the same data and options`);
  }
  if (!Number.isSafeInteger(checkpoint.iteration) || checkpoint.iteration < 0 || checkpoint.iteration > run.iterations) {
    throw new Error(`resume: the checkpoint is at iteration ${JSON.stringify(checkpoint.iteration)}, outside 0..${run.iterations}`);
  }
}
