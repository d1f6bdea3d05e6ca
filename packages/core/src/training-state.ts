import type { BatchSampler } from './batch-sampler.js';
import type { EarlyStopping } from './early-stopping.js';
import { restoreParameters } from './model/saved-parameters.js';
import { saveModel } from './model/save-model.js';
import type { Network } from './network.js';
import type { Optimizer } from './optimizers/optimizer.js';
import type { RandomSource } from './random-source.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type TrainingCheckpoint } from './training-checkpoint.js';
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
 * match; on any failure the network's parameters are put back as they were and the error is rethrown.
 * @throws Error naming the first mismatch.
 */
export function restoreCheckpoint(run: TrainingRun, checkpoint: TrainingCheckpoint): number {
  expectMatchingSettings(run, checkpoint);
  const parameters = run.network.parameters();
  const before = parameters.map((parameter) => parameter.value.data.slice());
  try {
    restoreParameters(run.network.namedParameters(), checkpoint.model?.parameters, 'resume: the checkpoint\'s model');
    run.optimizer.loadState(checkpoint.optimizer, parameters);
    if (typeof run.random.loadState !== 'function') throw new Error('resume: the random source cannot load a saved state');
    run.random.loadState(checkpoint.random);
    run.sampler.loadState(checkpoint.sampler ?? {});
    if (run.earlyStopping !== undefined) {
      if (checkpoint.earlyStopping === undefined) throw new Error('resume: the checkpoint was written without early stopping');
      run.earlyStopping.loadState(checkpoint.earlyStopping, parameters);
    }
    for (const key of ['loss', 'accuracy', 'validationAccuracy', 'validationLoss'] as const) {
      const saved = checkpoint.history?.[key];
      if (!Array.isArray(saved) || !saved.every((v) => typeof v === 'number')) throw new Error(`resume: the checkpoint's history.${key} is not a list of numbers`);
      run.history[key].push(...saved);
    }
    if (run.history.loss.length !== checkpoint.iteration) throw new Error(`resume: the checkpoint holds ${run.history.loss.length} losses for ${checkpoint.iteration} iterations`);
  } catch (error) {
    parameters.forEach((parameter, i) => parameter.value.data.set(before[i]));
    for (const list of Object.values(run.history)) list.length = 0;
    throw error;
  }
  return checkpoint.iteration;
}

function expectMatchingSettings(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  if (checkpoint?.format !== CHECKPOINT_FORMAT || checkpoint.version !== CHECKPOINT_VERSION) {
    throw new Error(`resume: not a version ${CHECKPOINT_VERSION} bpnet checkpoint (format ${JSON.stringify(checkpoint?.format)}, version ${JSON.stringify(checkpoint?.version)})`);
  }
  const expected = { learningRate: run.plan.learningRate, batchSize: run.plan.batchSize, sampling: run.plan.sampling, samples: run.plan.inputs.rows, dataFingerprint: run.fingerprint() };
  for (const [key, value] of Object.entries(expected)) {
    const saved = (checkpoint.settings as Record<string, unknown> | undefined)?.[key];
    if (saved !== value) throw new Error(`resume: ${key} is ${JSON.stringify(value)} but the checkpoint was trained with ${JSON.stringify(saved)}; resume with the same data and options`);
  }
  if (!Number.isSafeInteger(checkpoint.iteration) || checkpoint.iteration < 0 || checkpoint.iteration > run.iterations) {
    throw new Error(`resume: the checkpoint is at iteration ${JSON.stringify(checkpoint.iteration)}, outside 0..${run.iterations}`);
  }
}
