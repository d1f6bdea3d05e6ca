import {
  argmaxRows,
  type InputData,
  precisionOf,
  type TargetData,
  toInputMatrix,
  toTargetMatrix,
} from '../network/batch-data.js';
import type { Matrix } from '../kernels/matrix.js';
import type { Network } from '../network/network.js';
import { expectEarlyStoppingOptions } from './early-stopping.js';
import { expectRandomSource } from '../random/expect-random-source.js';
import { describeValue } from '../validation/describe-value.js';
import { brief } from '../validation/brief.js';
import { expectSeed } from '../random/seeded-random.js';
import type { Sampling, TrainOptions } from './training-options.js';
import { expectKnownOptions, expectObject, expectPositiveInteger } from '../validation/validate.js';

const DEFAULT_ITERATIONS = 100;
const DEFAULT_BATCH_SIZE = 15;
const OPTION_NAMES = [
  'learningRate',
  'iterations',
  'epochs',
  'batchSize',
  'sampling',
  'seed',
  'random',
  'optimizer',
  'validation',
  'onProgress',
  'optimizerState',
  'onEpoch',
  'earlyStopping',
  'checkpoint',
  'signal',
  'resumeFrom',
];

/** Everything a training run needs, checked before the first update. */
export interface TrainingPlan {
  readonly inputs: Matrix;
  readonly targets: Matrix;
  readonly labels: Int32Array;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly sampling: Sampling;
  /** Iterations, or undefined when they follow from `epochs`. */
  readonly iterations: number | undefined;
  readonly epochs: number | undefined;
  readonly validation: { readonly inputs: Matrix; readonly targets: Matrix; readonly labels: Int32Array } | undefined;
}

/**
 * Checks the data and every option, so that a bad argument throws before any parameter changes.
 * @throws Error saying which argument was wrong and what was expected.
 */
export function planTraining(
  network: Network,
  inputs: InputData,
  labels: TargetData,
  options: TrainOptions,
): TrainingPlan {
  const checkedOptions = expectObject(options, 'train: options');
  expectKnownOptions(checkedOptions, OPTION_NAMES, 'train: options');
  const precision = precisionOf(network.kernels);
  const x = toInputMatrix(inputs, network.inputSize, 'train: inputs', precision);
  const targets = toTargetMatrix(labels, x.rows, network.outputSize, 'train: labels', precision);
  const {
    learningRate,
    iterations,
    epochs,
    batchSize = Math.min(DEFAULT_BATCH_SIZE, x.rows),
    sampling = 'random-batch',
  } = options;
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(
      `train: learningRate must be a positive finite number, got ` +
        `${typeof learningRate === 'number' ? String(learningRate) : describeValue(learningRate)}`,
    );
  }
  if (iterations !== undefined && epochs !== undefined) {
    throw new Error('train: give iterations or epochs, not both');
  }
  if (iterations !== undefined) expectPositiveInteger(iterations, 'train: iterations');
  if (epochs !== undefined) expectPositiveInteger(epochs, 'train: epochs');
  expectPositiveInteger(batchSize, 'train: batchSize');
  if (batchSize > x.rows) {
    throw new Error(`train: batchSize ${batchSize} is larger than the ${x.rows} samples; expected 1..${x.rows}`);
  }
  if (sampling !== 'random-batch' && sampling !== 'epoch') {
    throw new Error(`train: sampling must be 'random-batch' or 'epoch', got ${brief(sampling)}`);
  }
  if (network.couplesSamples) expectBatchesOfTwo(batchSize, x.rows, sampling);
  if (options.seed !== undefined) expectSeed(options.seed, 'train: seed');
  for (const callback of ['onProgress', 'onEpoch'] as const) {
    if (options[callback] !== undefined && typeof options[callback] !== 'function')
      throw new Error(`train: ${callback} must be a function`);
  }
  expectObjectOptions(options);
  if (options.earlyStopping !== undefined && options.validation === undefined) {
    throw new Error('train: earlyStopping needs validation data (options.validation) to measure the validation loss');
  }
  return {
    inputs: x,
    targets,
    labels: argmaxRows(targets),
    learningRate,
    batchSize,
    sampling,
    iterations: iterations ?? (epochs === undefined ? DEFAULT_ITERATIONS : undefined),
    epochs,
    validation: options.validation === undefined ? undefined : planValidation(network, options.validation),
  };
}

/**
 * Checks the options that are objects (`checkpoint`, `earlyStopping`, `random`, `optimizer`, `signal`,
 * `resumeFrom`): `undefined` means not given; anything else, null included, must have the shape the option needs.
 */
function expectObjectOptions(options: TrainOptions): void {
  if (options.checkpoint !== undefined) {
    const checkpoint = expectObject(options.checkpoint, 'train: checkpoint');
    expectPositiveInteger(checkpoint.every, 'train: checkpoint.every');
    if (typeof checkpoint.write !== 'function') throw new Error('train: checkpoint.write must be a function');
  }
  if (options.earlyStopping !== undefined) expectEarlyStoppingOptions(options.earlyStopping);
  if (options.random !== undefined) expectRandomSource(options.random, 'train: random');
  if (options.optimizer !== undefined) expectOptimizerOption(options.optimizer);
  if (options.signal !== undefined) {
    const signal = options.signal as unknown as { aborted?: unknown } | null;
    if (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean') {
      throw new Error(
        `train: signal must be an AbortSignal (an object with a boolean 'aborted'), got ${describeValue(signal)}`,
      );
    }
  }
  if (options.resumeFrom !== undefined) expectObject(options.resumeFrom, 'train: resumeFrom');
}

/** An optimizer instance (`step`, `saveState` and `loadState` functions) or a spec `{ kind, ...options }`. */
function expectOptimizerOption(optimizer: unknown): void {
  const expected = 'an optimizer instance (with step, saveState and loadState methods) or a spec { kind, ...options }';
  if (typeof optimizer !== 'object' || optimizer === null || Array.isArray(optimizer)) {
    throw new Error(`train: optimizer must be ${expected}, got ${describeValue(optimizer)}`);
  }
  const entry = optimizer as Record<string, unknown>;
  if (typeof entry.step === 'function') {
    for (const method of ['saveState', 'loadState']) {
      if (typeof entry[method] !== 'function')
        throw new Error(
          `train: optimizer.${method} must be a function (an optimizer ` +
            `instance has step, saveState and loadState methods)`,
        );
    }
  } else if (typeof entry.kind !== 'string' || entry.kind === '') {
    throw new Error(`train: optimizer must be ${expected}, got ${describeValue(optimizer)}`);
  }
}

/**
 * A network with a layer that couples the samples of a batch (batch normalization) cannot take a training step on a
 * single sample: refuse a batch size of 1, and an epoch whose last batch would hold one sample, before any step.
 */
function expectBatchesOfTwo(batchSize: number, samples: number, sampling: Sampling): void {
  if (batchSize < 2) {
    throw new Error(
      'train: batchSize 1: a layer of this network couples the samples of a ' +
        'batch (e.g. batch-norm) and needs at least 2 per batch',
    );
  }
  if (sampling === 'epoch' && samples % batchSize === 1) {
    throw new Error(
      `train: with sampling 'epoch', ${samples} samples in batches of ${batchSize} leave a ` +
        `last batch of 1 sample, but a layer of this network couples the samples of a batch ` +
        `(e.g. batch-norm) and needs at least 2; choose another batchSize`,
    );
  }
}

function planValidation(
  network: Network,
  validation: NonNullable<TrainOptions['validation']>,
): TrainingPlan['validation'] {
  expectObject(validation, 'train: validation');
  const precision = precisionOf(network.kernels);
  const inputs = toInputMatrix(validation.inputs, network.inputSize, 'train: validation.inputs', precision);
  const targets = toTargetMatrix(
    validation.labels,
    inputs.rows,
    network.outputSize,
    'train: validation.labels',
    precision,
  );
  return { inputs, targets, labels: argmaxRows(targets) };
}
