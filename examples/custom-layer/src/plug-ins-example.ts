import {
  accuracyOf,
  buildNetwork,
  createContainer,
  loadModel,
  type Matrix,
  modelToJson,
  type Network,
  type NetworkSpec,
  resumeTraining,
  SeededRandom,
  seededRandomModule,
  type TrainingCheckpoint,
  TRAINER,
  type TrainOptions,
} from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { gaussianNoiseModule } from './gaussian-noise-layer.js';
import { huberModule } from './huber-loss.js';
import { lecunUniformModule } from './lecun-uniform-initializer.js';
import { parallelSumModule } from './parallel-sum-layer.js';
import { preluModule } from './prelu-layer.js';
import { recenterModule } from './recenter-layer.js';
import { makeRings } from './rings.js';
import { rmspropModule } from './rmsprop-optimizer.js';
import { swishModule } from './swish-activation.js';

/** Every plug-in of this package: five layer kinds, a loss, an optimizer and an initializer. */
export const acmeModules = [
  preluModule,
  gaussianNoiseModule,
  recenterModule,
  swishModule,
  parallelSumModule,
  huberModule,
  rmspropModule,
  lecunUniformModule,
];

/** A network that uses every plug-in kind: state (acme/recenter), randomness (acme/gaussian-noise) and a container. */
export const plugInsSpec: NetworkSpec = {
  inputSize: 2,
  layers: [
    { kind: 'acme/recenter' },
    { kind: 'dense', units: 16, weightInitializer: { kind: 'acme/lecun-uniform' } },
    { kind: 'acme/swish' },
    { kind: 'acme/gaussian-noise', std: 0.05 },
    {
      kind: 'acme/parallel-sum',
      branches: [
        { kind: 'acme/prelu' },
        { kind: 'dense', units: 16, weightInitializer: { kind: 'acme/lecun-uniform' } },
      ],
    },
    { kind: 'dense', units: 3, weightInitializer: { kind: 'acme/lecun-uniform' } },
  ],
  loss: { kind: 'acme/huber', delta: 0.5 },
};

/** The example's data: three rings, 100 points each. */
export function plugInsData(): { inputs: Matrix; labels: number[] } {
  return makeRings(new SeededRandom(5), 100, 3);
}

/** The example's training options: 100 epochs of 15 batches with `acme/rmsprop`. */
export const plugInsOptions: TrainOptions = {
  learningRate: 0.01,
  epochs: 100,
  batchSize: 20,
  sampling: 'epoch',
  seed: 6,
  optimizer: { kind: 'acme/rmsprop' },
};

/** What the plug-ins example did. */
export interface PlugInsResult {
  readonly trainingAccuracy: number;
  readonly finalLoss: number;
  /** The acme/recenter layer's μ after training (state, never optimized). */
  readonly runningMean: number[];
  /** The checkpoints written during training (every 500 iterations). */
  readonly checkpoints: readonly TrainingCheckpoint[];
  /**
   * Whether a run resumed from the first checkpoint in a fresh container ended with the same model and losses, bit for
   * bit.
   */
  readonly resumedIdentical: boolean;
  /** Whether the model reloaded from its JSON gives the same outputs, bit for bit. */
  readonly reloadedIdentical: boolean;
  readonly network: Network;
}

/**
 * Trains {@link plugInsSpec} on three rings with the container's trainer and `acme/rmsprop`, writing a checkpoint
 * every 500 iterations; resumes from the first checkpoint in a fresh container (the noise layer's draws continue
 * from the saved `network.random`, so the resumed run matches the uninterrupted one bit for bit); then saves the
 * model (parameters and state) and loads it into another fresh container.
 */
export function runPlugInsExample(): PlugInsResult {
  const { inputs, labels } = plugInsData();
  const options = plugInsOptions;
  const container = createContainer(denseModule, ...acmeModules, seededRandomModule(4));
  const network = buildNetwork(container, plugInsSpec);
  const checkpoints: TrainingCheckpoint[] = [];
  const write = (checkpoint: TrainingCheckpoint) => checkpoints.push(JSON.parse(JSON.stringify(checkpoint)));
  const history = container
    .get(TRAINER)
    .train(network, inputs, labels, { ...options, checkpoint: { every: 500, write } });
  const resumed = resumeTraining(createContainer(denseModule, ...acmeModules), checkpoints[0], inputs, labels, options);
  const reloaded = loadModel(createContainer(denseModule, ...acmeModules), modelToJson(network));
  const outputs = network.forward(inputs).data;
  const reloadedOutputs = reloaded.forward(inputs).data;
  return {
    trainingAccuracy: accuracyOf(network, inputs, Int32Array.from(labels)),
    finalLoss: history.loss[history.loss.length - 1],
    runningMean: Array.from(network.state()[0].value.data),
    checkpoints,
    resumedIdentical:
      modelToJson(resumed.network) === modelToJson(network) &&
      resumed.history.loss.every((loss, i) => Object.is(loss, history.loss[i])),
    reloadedIdentical: outputs.every((value, i) => Object.is(value, reloadedOutputs[i])),
    network,
  };
}
