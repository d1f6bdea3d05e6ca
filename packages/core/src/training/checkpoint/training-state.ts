import { keptValues } from '../early-stopping.js';
import { brief } from '../../validation/brief.js';
import { restoreNetworkValues } from '../../model/restore-network-values.js';
import { saveModel } from '../../model/save-model.js';
import { expectSameSettings, runSettings } from './resume-settings.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  expectCheckpointHeader,
  type TrainingCheckpoint,
} from './training-checkpoint.js';
import type { TrainingRun } from '../training-run.js';

const SERIES = ['loss', 'accuracy', 'validationAccuracy', 'validationLoss'] as const;

/**
 * A checkpoint of `run` after `iteration` completed iterations. Its size depends on the network, the optimizer, the
 * data's size (sampler) and the history limit, not on how many iterations were done.
 */
export function captureCheckpoint(run: TrainingRun, iteration: number): TrainingCheckpoint {
  const { random, history } = run;
  if (typeof random.saveState !== 'function') {
    throw new Error(
      'train: checkpoints need a random source with saveState and ' +
        'loadState (SeededRandom and NumpyRandomState have them)',
    );
  }
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    model: saveModel(run.network),
    iteration,
    iterations: run.iterations,
    settings: runSettings(run),
    optimizer: run.optimizer.saveState(),
    random: random.saveState(),
    ...(run.network.random === undefined ? {} : { forwardRandom: run.network.random.saveState() }),
    sampler: run.sampler.saveState(),
    history: {
      loss: history.loss.save(),
      accuracy: history.accuracy.save(),
      validationAccuracy: history.validationAccuracy.save(),
      validationLoss: history.validationLoss.save(),
    },
    earlyStopping: run.earlyStopping?.saveState(),
  };
}

/**
 * Puts `run` in the state `checkpoint` saved and returns the iteration to continue from. The settings and data must
 * match (see {@link expectSameSettings}); on any failure the network's parameters, state and forward-pass random
 * source are put back as they were, the history stays empty, and the error is rethrown.
 * @throws Error naming the first mismatch.
 */
export function restoreCheckpoint(run: TrainingRun, checkpoint: TrainingCheckpoint): number {
  expectCheckpointHeader(checkpoint, 'resume');
  expectSameSettings(run, checkpoint);
  expectIterationInRange(run, checkpoint);
  const { network } = run;
  const parameters = network.parameters();
  const kept = keptValues(network);
  const before = kept.map(({ value }) => value.data.slice());
  const forwardRandomBefore = network.random?.saveState();
  try {
    restoreHistory(run, checkpoint);
    const model = checkpoint.model as { parameters?: unknown; state?: unknown } | undefined;
    restoreNetworkValues(
      network,
      model?.parameters,
      checkpoint.version === 1 ? [] : model?.state,
      "resume: the checkpoint's model",
    );
    restoreForwardRandom(run, checkpoint);
    run.optimizer.loadState(checkpoint.optimizer, parameters);
    if (typeof run.random.loadState !== 'function')
      throw new Error('resume: the random source cannot load a saved state');
    run.random.loadState(checkpoint.random);
    run.sampler.loadState(checkpoint.sampler ?? {});
    if (run.earlyStopping !== undefined) {
      if (checkpoint.earlyStopping === undefined)
        throw new Error('resume: the checkpoint was written without early stopping');
      run.earlyStopping.loadState(checkpoint.earlyStopping, kept);
    }
  } catch (error) {
    kept.forEach(({ value }, i) => value.data.set(before[i]));
    if (forwardRandomBefore !== undefined) network.random?.loadState(forwardRandomBefore);
    for (const key of SERIES) run.history[key].restore([], 0, key);
    throw error;
  }
  return checkpoint.iteration;
}

/**
 * Restores the history series: the loss has one entry per iteration done; accuracy one per epoch begun, i.e.
 * ⌈iteration / iterationsPerEpoch⌉; the validation series as many with validation data, none without.
 */
function restoreHistory(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const saved = checkpoint.history as Partial<Record<(typeof SERIES)[number], unknown>> | undefined;
  if (typeof saved !== 'object' || saved === null) throw new Error('resume: the checkpoint has no history');
  const epochs = Math.ceil(checkpoint.iteration / run.sampler.iterationsPerEpoch);
  const counts = {
    loss: checkpoint.iteration,
    accuracy: epochs,
    validationAccuracy: run.plan.validation === undefined ? 0 : epochs,
    validationLoss: run.plan.validation === undefined ? 0 : epochs,
  };
  for (const key of SERIES)
    run.history[key].restore(saved[key], counts[key], `resume: the checkpoint's history.${key}`);
}

function expectIterationInRange(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  if (
    !Number.isSafeInteger(checkpoint.iteration) ||
    checkpoint.iteration < 0 ||
    checkpoint.iteration > run.iterations
  ) {
    throw new Error(
      `resume: the checkpoint is at iteration ${brief(checkpoint.iteration)}, outside 0..${run.iterations}`,
    );
  }
}

/** Continues the network's forward-pass source from the checkpoint (a network without one needs none saved). */
function restoreForwardRandom(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const saved = checkpoint.forwardRandom;
  const source = run.network.random;
  if (source === undefined) {
    if (saved !== undefined)
      throw new Error(
        'resume: the checkpoint has a forward-pass random state but this network has no stochastic layer',
      );
    return;
  }
  if (saved === undefined)
    throw new Error(
      'resume: the network has stochastic layers but the checkpoint saved no forward-pass random state (forwardRandom)',
    );
  source.loadState(saved);
}
