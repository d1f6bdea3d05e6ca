import { countArgmaxMatches, type InputData, type TargetData } from '../network/batch-data.js';
import { createBatchSampler } from './batch-sampler.js';
import { GradientStep } from './gradient-step.js';
import { writeCheckpoint } from './checkpoint/checkpoint-error.js';
import { dataFingerprint } from './data-fingerprint.js';
import { EarlyStopping, keptValues } from './early-stopping.js';
import { HistorySeries } from './history-series.js';
import { validationDataFingerprint } from './checkpoint/resume-settings.js';
import { captureCheckpoint, restoreCheckpoint } from './checkpoint/training-state.js';
import type { TrainingRun } from './training-run.js';
import type { Matrix } from '../kernels/matrix.js';
import type { Network } from '../network/network.js';
import type { Optimizer, OptimizerRegistration, OptimizerSpec } from '../optimizers/optimizer.js';
import { sgdRegistration } from '../optimizers/sgd-optimizer.js';
import { Registry } from '../di/registry.js';
import type { RandomSource } from '../random/random-source.js';
import { SeededRandom } from '../random/seeded-random.js';
import type { TrainingHistory, TrainOptions } from './training-options.js';
import { planTraining } from './training-plan.js';
import type { ServiceToken } from '../di/bpnet-container.js';

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
   * @throws CheckpointError (or the writer's own error when it already carries the checkpoint, as `fileCheckpoints`'
   *   CheckpointWriteError does) when `checkpoint.write` throws: the run stops at that checkpoint, which the error
   *   holds.
   * With `checkpoint`, a checkpoint is written every `checkpoint.every` iterations and when `signal` aborts;
   * with `resumeFrom`, the run continues from a checkpoint exactly as if it had never stopped.
   */
  train(network: Network, inputs: InputData, labels: TargetData, options: TrainOptions): TrainingHistory {
    const { run, steps } = this.start(network, inputs, labels, options);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return this.finish(run, step.value);
  }

  /**
   * {@link train}, giving the event loop a turn every `yieldEveryMs` milliseconds (default 50) so that timers, I/O and
   * signal handlers run during training: a Ctrl-C handler that aborts `options.signal` then stops the run cleanly.
   */
  async trainAsync(
    network: Network,
    inputs: InputData,
    labels: TargetData,
    options: TrainOptions & { readonly yieldEveryMs?: number },
  ): Promise<TrainingHistory> {
    const { yieldEveryMs = 50, ...trainOptions } = options;
    const { run, steps } = this.start(network, inputs, labels, trainOptions);
    let lastYield = Date.now();
    let step = steps.next();
    while (!step.done) {
      if (Date.now() - lastYield >= yieldEveryMs) {
        await nextTurn();
        lastYield = Date.now();
      }
      step = steps.next();
    }
    return this.finish(run, step.value);
  }

  /** Checks everything and prepares the run (restoring a checkpoint if asked); the steps run nothing until pulled. */
  private start(
    network: Network,
    inputs: InputData,
    labels: TargetData,
    options: TrainOptions,
  ): { run: TrainingRun; steps: Generator<void, Outcome> } {
    const plan = planTraining(network, inputs, labels, options);
    const random = options.random ?? (options.seed === undefined ? this.random : new SeededRandom(options.seed));
    const sampler = createBatchSampler(plan.sampling, plan.inputs.rows, plan.batchSize, random);
    const optimizer = this.resolveOptimizer(options.optimizer ?? { kind: 'sgd' });
    if (options.optimizerState !== undefined) optimizer.loadState(options.optimizerState, network.parameters());
    const run: TrainingRun = {
      network,
      plan,
      fingerprint: once(() => dataFingerprint(plan.inputs, plan.targets)),
      validationFingerprint: once(() => validationDataFingerprint(plan)),
      iterations: plan.iterations ?? (plan.epochs as number) * sampler.iterationsPerEpoch,
      optimizer,
      random,
      sampler,
      earlyStopping: options.earlyStopping === undefined ? undefined : new EarlyStopping(options.earlyStopping),
      history: {
        loss: new HistorySeries(),
        accuracy: new HistorySeries(),
        validationAccuracy: new HistorySeries(),
        validationLoss: new HistorySeries(),
      },
    };
    const first = options.resumeFrom === undefined ? 0 : restoreCheckpoint(run, options.resumeFrom);
    return { run, steps: this.steps(run, first, options) };
  }

  private finish(run: TrainingRun, outcome: Outcome): TrainingHistory {
    if (outcome !== 'interrupted') run.earlyStopping?.restoreBest(keptValues(run.network));
    const { loss, accuracy, validationAccuracy, validationLoss } = run.history;
    return {
      loss: loss.values(),
      accuracy: accuracy.values(),
      validationAccuracy: validationAccuracy.values(),
      validationLoss: validationLoss.values(),
      lossEvery: loss.every,
      epochEvery: accuracy.every,
      iterationsPerEpoch: run.sampler.iterationsPerEpoch,
      batchSize: run.plan.batchSize,
      stoppedEarly: outcome === 'stopped-early',
      interrupted: outcome === 'interrupted',
      bestEpoch: run.earlyStopping?.bestEpoch,
      optimizerState: run.optimizer.saveState(),
    };
  }

  /** Runs iterations `first`.. of `run`, yielding after each; returns how it ended. */
  private *steps(run: TrainingRun, first: number, options: TrainOptions): Generator<void, Outcome> {
    const { network, plan, sampler, history } = run;
    const kept = keptValues(network);
    const step = new GradientStep(run);
    const checkpoint = options.checkpoint;
    for (let iteration = first; iteration < run.iterations; iteration++) {
      if (options.signal?.aborted) {
        if (checkpoint !== undefined) writeCheckpoint(checkpoint.write, captureCheckpoint(run, iteration));
        return 'interrupted';
      }
      const loss = step.run(iteration + 1);
      const batch = step.batch;
      const epochEnd = iteration % sampler.iterationsPerEpoch === 0;
      const epoch = Math.floor(iteration / sampler.iterationsPerEpoch);
      let accuracy: number | undefined;
      let validationAccuracy: number | undefined;
      let validationLoss = NaN;
      if (epochEnd) {
        // Evaluation runs in inference: dropout off, running statistics used and left unchanged.
        accuracy = accuracyOf(network, batch.inputs, batch.labels);
        history.accuracy.push(accuracy);
        if (plan.validation !== undefined) {
          const validation = plan.validation;
          // One forward pass for both measures
          const outputs = network.forwardUnchecked(validation.inputs, 'inference');
          validationAccuracy = countArgmaxMatches(outputs, validation.labels) / validation.labels.length;
          history.validationAccuracy.push(validationAccuracy);
          validationLoss = network.loss.forward(outputs, validation.targets);
          history.validationLoss.push(validationLoss);
        }
      }
      const stop = epochEnd && run.earlyStopping?.observe(epoch, validationLoss, kept);
      if (checkpoint !== undefined && (iteration + 1) % checkpoint.every === 0)
        writeCheckpoint(checkpoint.write, captureCheckpoint(run, iteration + 1));
      options.onProgress?.({
        iteration: iteration + 1,
        iterations: run.iterations,
        epoch,
        loss,
        accuracy,
        validationAccuracy,
      });
      if (epochEnd) options.onEpoch?.({ epoch, iteration: iteration + 1, network });
      if (stop) return iteration + 1 < run.iterations ? 'stopped-early' : 'finished';
      yield;
    }
    return 'finished';
  }

  private resolveOptimizer(optimizer: Optimizer | OptimizerSpec): Optimizer {
    if (typeof (optimizer as Optimizer).step === 'function') return optimizer as Optimizer;
    return this.optimizers
      .get((optimizer as OptimizerSpec).kind, 'train: optimizer')
      .create(optimizer as OptimizerSpec);
  }
}

/** The {@link Trainer}, drawing from the container's random source. */
export const TRAINER: ServiceToken<Trainer> = Symbol.for('@bpnet/core/Trainer');

/** `compute`, called at most once. */
function once<T>(compute: () => T): () => T {
  let value: { result: T } | undefined;
  return () => (value ??= { result: compute() }).result;
}

/** How a run ended. */
type Outcome = 'finished' | 'stopped-early' | 'interrupted';

/** Resolves on the event loop's next turn (after pending I/O and signal handlers). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
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
  return freeTrainer().train(network, inputs, labels, options);
}

/** The fraction of rows whose argmax output (in inference) equals the label. */
export function accuracyOf(network: Network, inputs: Matrix, labels: Int32Array): number {
  return countArgmaxMatches(network.forwardUnchecked(inputs, 'inference'), labels) / labels.length;
}

/** {@link train} that gives the event loop a turn every `yieldEveryMs` ms, so a Ctrl-C handler can abort `signal`. */
export function trainAsync(
  network: Network,
  inputs: InputData,
  labels: TargetData,
  options: TrainOptions & { readonly yieldEveryMs?: number },
): Promise<TrainingHistory> {
  return freeTrainer().trainAsync(network, inputs, labels, options);
}

/** The trainer of the free `train` and `trainAsync`: entropy-seeded batches, and only the optimizer kind `'sgd'`. */
function freeTrainer(): Trainer {
  const optimizers = new Registry('optimizer', [sgdRegistration], FREE_TRAIN_OPTIMIZER_ADVICE);
  return new Trainer(new SeededRandom(SeededRandom.entropySeed()), optimizers);
}

/** What an unknown optimizer kind's message advises a caller of the free `train`. */
const FREE_TRAIN_OPTIMIZER_ADVICE =
  "The free train() and trainAsync() know only 'sgd': use container.get(TRAINER).train(...) with " +
  "a container that loads the optimizer's module, or pass an optimizer instance.";
