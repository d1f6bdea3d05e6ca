import { argmaxRows, type InputData, type TargetData } from './batch-data.js';
import { BatchGatherer } from './batch-gatherer.js';
import { createBatchSampler } from './batch-sampler.js';
import { guardStep } from './divergence-guard.js';
import { EarlyStopping } from './early-stopping.js';
import type { Matrix } from './matrix.js';
import type { Network } from './network.js';
import type { Optimizer, OptimizerRegistration, OptimizerSpec } from './optimizers/optimizer.js';
import { sgdRegistration } from './optimizers/sgd-optimizer.js';
import { Registry } from './registry.js';
import type { RandomSource } from './random-source.js';
import { SeededRandom } from './seeded-random.js';
import type { TrainingHistory, TrainOptions } from './training-options.js';
import { planTraining } from './training-plan.js';

/**
 * Minibatch gradient descent. Each iteration takes a batch, backpropagates (J and ∂J/∂w for every parameter),
 * checks that both and the update are finite, and applies the optimizer's update (default Δw = −η ∂J/∂w).
 */
export class Trainer {
  /**
   * @param random - the source batches are drawn from unless the options give `random` or `seed`.
   * @param optimizers - the optimizer kinds a spec in the options may name.
   */
  constructor(
    private readonly random: RandomSource,
    private readonly optimizers: Registry<OptimizerRegistration> = new Registry('optimizer', [sgdRegistration]),
  ) {}

  /**
   * Trains `network` in place on `inputs` and `labels` (integer classes or a target matrix).
   * @throws Error on bad data or options, before any parameter changes.
   * @throws DivergenceError when the loss or a gradient stops being finite; that step is not applied.
   */
  train(network: Network, inputs: InputData, labels: TargetData, options: TrainOptions): TrainingHistory {
    const plan = planTraining(network, inputs, labels, options);
    const random = options.random ?? (options.seed === undefined ? this.random : new SeededRandom(options.seed));
    const sampler = createBatchSampler(plan.sampling, plan.inputs.rows, plan.batchSize, random);
    const iterations = plan.iterations ?? (plan.epochs as number) * sampler.iterationsPerEpoch;
    const gatherer = new BatchGatherer(plan.inputs, plan.targets, plan.labels);
    const optimizer = this.resolveOptimizer(options.optimizer ?? { kind: 'sgd' });
    if (options.optimizerState !== undefined) optimizer.loadState(options.optimizerState, network.parameters());
    const parameters = network.parameters();
    const named = network.namedParameters();
    const earlyStopping = options.earlyStopping === undefined ? undefined : new EarlyStopping(options.earlyStopping);
    const history = {
      loss: [] as number[],
      accuracy: [] as number[],
      validationAccuracy: [] as number[],
      validationLoss: [] as number[],
      iterationsPerEpoch: sampler.iterationsPerEpoch,
      batchSize: plan.batchSize,
      stoppedEarly: false,
    };
    for (let iteration = 0; iteration < iterations; iteration++) {
      const batch = gatherer.gather(sampler.next());
      const loss = network.backpropUnchecked(batch.inputs, batch.targets);
      guardStep(iteration + 1, loss, named, plan.learningRate);
      optimizer.step(parameters, plan.learningRate, network.kernels);
      history.loss.push(loss);
      const epochEnd = iteration % sampler.iterationsPerEpoch === 0;
      const epoch = Math.floor(iteration / sampler.iterationsPerEpoch);
      let accuracy: number | undefined;
      let validationAccuracy: number | undefined;
      if (epochEnd) {
        accuracy = accuracyOf(network, batch.inputs, batch.labels);
        history.accuracy.push(accuracy);
        if (plan.validation !== undefined) {
          validationAccuracy = accuracyOf(network, plan.validation.inputs, plan.validation.labels);
          history.validationAccuracy.push(validationAccuracy);
          history.validationLoss.push(network.loss.forward(network.forwardUnchecked(plan.validation.inputs), plan.validation.targets));
        }
      }
      options.onProgress?.({ iteration: iteration + 1, iterations, epoch, loss, accuracy, validationAccuracy });
      if (!epochEnd) continue;
      options.onEpoch?.({ epoch, iteration: iteration + 1, network });
      if (earlyStopping?.observe(epoch, history.validationLoss[history.validationLoss.length - 1], parameters)) {
        history.stoppedEarly = iteration + 1 < iterations;
        break;
      }
    }
    earlyStopping?.restoreBest(parameters);
    return { ...history, bestEpoch: earlyStopping?.bestEpoch, optimizerState: optimizer.saveState() };
  }

  private resolveOptimizer(optimizer: Optimizer | OptimizerSpec): Optimizer {
    if (typeof (optimizer as Optimizer).step === 'function') return optimizer as Optimizer;
    return this.optimizers.get((optimizer as OptimizerSpec).kind, 'train: optimizer').create(optimizer as OptimizerSpec);
  }
}

/**
 * Trains `network` by minibatch gradient descent and returns the history (loss per iteration, accuracy once per
 * epoch). Batches are drawn from a source seeded with `options.seed` (or `options.random`); without either, from
 * the system's entropy. An optimizer given by kind must be `'sgd'` here; other kinds are resolved by the
 * container's trainer (`container.get(TRAINER).train(...)`), or pass an optimizer instance.
 *
 * ```ts
 * const history = train(network, X, labels, { learningRate: 1, iterations: 1000, batchSize: 15, seed: 1 });
 * ```
 */
export function train(network: Network, inputs: InputData, labels: TargetData, options: TrainOptions): TrainingHistory {
  return new Trainer(new SeededRandom(SeededRandom.entropySeed())).train(network, inputs, labels, options);
}

/** The fraction of rows whose argmax output equals the label. */
export function accuracyOf(network: Network, inputs: Matrix, labels: Int32Array): number {
  const predictions = argmaxRows(network.forwardUnchecked(inputs));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}
