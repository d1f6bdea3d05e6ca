import { batchNormModule } from '@bpnet/batch-norm';
import { containersModule } from '@bpnet/containers';
import {
  buildNetwork,
  createContainer,
  DivergenceError,
  type Network,
  type NetworkSpec,
  resumeTraining,
  SeededRandom,
  seededRandomModule,
  TRAINER,
  type TrainingCheckpoint,
  type TrainingHistory,
  type TrainOptions,
} from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { dropoutModule } from '@bpnet/dropout';
import { momentumModule } from '@bpnet/momentum';
import { reluModule } from '@bpnet/relu';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';

// bpnet's own dropout, batch-norm, residual and sequential trained the way a user trains them: validation and early
// stopping must leave the running statistics alone, a checkpointed run must resume bit for bit, and a refused step
// must leave no trace in state or in the network's random source.

const spec: NetworkSpec = {
  inputSize: 5,
  layers: [
    { kind: 'dense', units: 8, weightInitializer: { kind: 'he' } },
    { kind: 'batch-norm', momentum: 0.8 },
    { kind: 'relu' },
    {
      kind: 'residual',
      body: [
        { kind: 'sequential', layers: [{ kind: 'dense', units: 8 }, { kind: 'batch-norm' }, { kind: 'relu' }] },
        { kind: 'dense', units: 8 },
      ],
    },
    { kind: 'dropout', rate: 0.25 },
    { kind: 'dense', units: 3 },
  ],
  loss: { kind: 'softmax-cross-entropy' },
};

function container(seed = 4) {
  return createContainer(
    denseModule,
    reluModule,
    batchNormModule,
    dropoutModule,
    containersModule,
    softmaxCrossEntropyModule,
    momentumModule,
    seededRandomModule(seed),
  );
}

function data(samples: number, seed: number) {
  const random = new SeededRandom(seed);
  const inputs = randomMatrix(samples, 5, random);
  const labels = Array.from({ length: samples }, (_, n) =>
    inputs.get(n, 0) > 0.3 ? 0 : inputs.get(n, 1) + inputs.get(n, 2) > 0 ? 1 : 2,
  );
  return { inputs, labels };
}

const train = data(60, 1);
const validation = data(20, 2);
const options: TrainOptions = {
  learningRate: 0.05,
  epochs: 12,
  batchSize: 8,
  sampling: 'epoch',
  seed: 6,
  optimizer: { kind: 'momentum' },
};

function outcome(network: Network, history: TrainingHistory) {
  return {
    parameters: network.namedParameters().map(({ path, parameter }) => [path, Array.from(parameter.value.data)]),
    state: network.namedState().map(({ path, state }) => [path, Array.from(state.value.data)]),
    random: network.random?.saveState(),
    loss: history.loss,
  };
}

function run(extra: Partial<TrainOptions> = {}) {
  const c = container();
  const network = buildNetwork(c, spec);
  const history = c.get(TRAINER).train(network, train.inputs, train.labels, { ...options, ...extra });
  return { network, history, result: outcome(network, history) };
}

describe('dropout, batch-norm, residual and sequential in training', () => {
  it('have the nested paths and state the spec implies', () => {
    const { network } = run({ epochs: 1 });
    expect(network.namedState().map(({ path }) => path)).toEqual([
      'layers[1].runningMean',
      'layers[1].runningVariance',
      'layers[3].body[0].layers[1].runningMean',
      'layers[3].body[0].layers[1].runningVariance',
    ]);
    expect(network.namedParameters().map(({ path }) => path)).toContain('layers[3].body[0].layers[0].weights');
    expect(network.random).toBeDefined();
  });

  it('validation passes leave the running statistics, the draws and the parameters untouched', () => {
    const plain = run().result;
    const validated = run({ validation });
    expect(validated.history.validationLoss).toHaveLength(12);
    expect(validated.result).toEqual(plain);
    // and the statistics really moved in training, so the comparison above could have failed
    expect(plain.state[0][1]).not.toEqual(new Array(8).fill(0));
  });

  it(
    'a run checkpointed and resumed in a fresh container (through JSON) ' + 'ends bit for bit as the uninterrupted one',
    () => {
      const written: TrainingCheckpoint[] = [];
      const c = container();
      const network = buildNetwork(c, spec);
      const history = c.get(TRAINER).train(network, train.inputs, train.labels, {
        ...options,
        checkpoint: { every: 20, write: (checkpoint) => written.push(JSON.parse(JSON.stringify(checkpoint))) },
      });
      const expected = outcome(network, history);
      expect(expected).toEqual(run().result); // writing checkpoints changes nothing
      for (const checkpoint of written.slice(0, 3)) {
        const resumed = resumeTraining(container(99), checkpoint, train.inputs, train.labels, options);
        expect(outcome(resumed.network, resumed.history)).toEqual(expected);
      }
    },
  );

  it(
    'a step refused as divergent leaves parameters, ' +
      "running statistics and the network's random source as they were",
    () => {
      const c = container();
      const network = buildNetwork(c, spec);
      c.get(TRAINER).train(network, train.inputs, train.labels, { ...options, epochs: 2 });
      network
        .namedParameters()
        .find(({ path }) => path === 'layers[5].weights')
        ?.parameter.value.data.fill(1e308); // the logits overflow: the loss is not finite
      const before = outcome(network, { loss: [] } as unknown as TrainingHistory);
      expect(() =>
        c.get(TRAINER).train(network, train.inputs, train.labels, { ...options, iterations: 1, epochs: undefined }),
      ).toThrow(DivergenceError);
      expect(outcome(network, { loss: [] } as unknown as TrainingHistory)).toEqual(before);
    },
  );

  it('a training batch of one is refused before anything changes: by backprop, and by train up front', () => {
    const c = container();
    const network = buildNetwork(c, spec);
    const before = outcome(network, { loss: [] } as unknown as TrainingHistory);
    expect(() => network.backprop([[1, 2, 3, 4, 5]], [0])).toThrow(
      'Network.backprop: inputs: 1 sample, but a layer of this network couples ' +
        'the samples of a batch (e.g. batch-norm) and needs at least 2 in training',
    );
    expect(() => c.get(TRAINER).train(network, train.inputs, train.labels, { ...options, batchSize: 1 })).toThrow(
      'train: batchSize 1: a layer of this network couples the samples',
    );
    expect(() =>
      c.get(TRAINER).train(network, train.inputs.toRows().slice(0, 57), train.labels.slice(0, 57), options),
    ).toThrow("train: with sampling 'epoch', 57 samples in batches of 8 leave a last batch of 1 sample");
    expect(outcome(network, { loss: [] } as unknown as TrainingHistory)).toEqual(before);
    expect(network.predict([[1, 2, 3, 4, 5]])).toHaveLength(1); // inference takes a single sample
  });
});
