import {
  buildNetwork,
  type Network,
  resumeTraining,
  TRAINER,
  type TrainingCheckpoint,
  type TrainingHistory,
  type TrainOptions,
} from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { checkpointOfKilledRun } from './fixtures/killed-run.js';
import {
  acmeContainer,
  acmeData,
  LONG_RUN,
  longRunProblem,
  snapshot,
  stochasticStateSpec,
} from './fixtures/outside-plugins/acme-problem.js';

const SEED = 7;
const { inputs, labels } = acmeData();
const validation = acmeData(15);

type Setting = [string, Partial<TrainOptions>];
const settings: Setting[] = [
  ['adam, random batches from a seeded source', { optimizer: { kind: 'adam' }, seed: 3 }],
  [
    "momentum, batches from the container's source, validation and early stopping",
    {
      optimizer: { kind: 'momentum' },
      validation: { inputs: validation.inputs, labels: validation.labels },
      earlyStopping: { patience: 1000 },
    },
  ],
  ['sgd, shuffled epochs', { sampling: 'epoch', seed: 5 }],
];

function base(extra: Partial<TrainOptions>): TrainOptions {
  return { learningRate: 0.05, iterations: 60, batchSize: 7, ...extra };
}

/** Everything a finished run leaves that a resumed run must reproduce. */
function outcome(network: Network, history: TrainingHistory) {
  return {
    ...snapshot(network),
    random: network.random?.saveState(),
    loss: history.loss,
    accuracy: history.accuracy,
    validationLoss: history.validationLoss,
    validationAccuracy: history.validationAccuracy,
    optimizerState: history.optimizerState,
  };
}

function uninterrupted(extra: Partial<TrainOptions>, checkpointEvery?: number) {
  const container = acmeContainer(SEED);
  const network = buildNetwork(container, stochasticStateSpec());
  const written: TrainingCheckpoint[] = [];
  const checkpoint =
    checkpointEvery === undefined
      ? {}
      : {
          checkpoint: {
            every: checkpointEvery,
            write: (c: TrainingCheckpoint) => written.push(JSON.parse(JSON.stringify(c))),
          },
        };
  const history = container.get(TRAINER).train(network, inputs, labels, { ...base(extra), ...checkpoint });
  return { result: outcome(network, history), written };
}

describe('a stochastic network with running state resumes exactly', () => {
  describe.each(settings)('%s', (_, extra) => {
    const { result: expected, written } = uninterrupted(extra, 10);

    it('checkpoints carry the state and the forward-pass source, and writing them changes nothing', () => {
      expect(written.map((c) => c.iteration)).toEqual([10, 20, 30, 40, 50, 60]);
      expect(written[2].version).toBe(3);
      expect(written[2].forwardRandom).toMatchObject({ kind: 'xoshiro128**' });
      expect(written[2].model.state?.map(({ path }) => path)).toEqual([
        'layers[1].runningMean',
        'layers[5].first.runningMean',
        'layers[5].second.runningMean',
      ]);
      expect(uninterrupted(extra).result).toEqual(expected);
    });

    it.each([30, 20])(
      'resuming from the checkpoint at iteration %i (through JSON) ' +
        'in a fresh container gives the uninterrupted run bit for bit',
      (iteration) => {
        const checkpoint = written.find((c) => c.iteration === iteration) as TrainingCheckpoint;
        const resumed = resumeTraining(acmeContainer(SEED), checkpoint, inputs, labels, base(extra));
        expect(outcome(resumed.network, resumed.history)).toEqual(expected);
      },
    );

    it(
      "the resuming container's seed does not matter: " + 'every draw (batches, noise) continues from the checkpoint',
      () => {
        const resumed = resumeTraining(acmeContainer(SEED + 100), written[2], inputs, labels, base(extra));
        expect(outcome(resumed.network, resumed.history)).toEqual(expected);
      },
    );
  });

  it(
    'refuses a checkpoint of a stochastic network that lost ' +
      'its forward-pass source, leaving the network untouched',
    () => {
      const { written } = uninterrupted(settings[0][1], 10);
      const { forwardRandom: _, ...withoutSource } = written[2];
      const container = acmeContainer(SEED);
      const network = buildNetwork(container, stochasticStateSpec());
      const before = { ...snapshot(network), random: network.random?.saveState() };
      expect(() =>
        container
          .get(TRAINER)
          .train(network, inputs, labels, { ...base(settings[0][1]), resumeFrom: withoutSource as TrainingCheckpoint }),
      ).toThrow(
        'resume: the network has stochastic layers ' +
          'but the checkpoint saved no forward-pass random state (forwardRandom)',
      );
      expect({ ...snapshot(network), random: network.random?.saveState() }).toEqual(before);
    },
  );

  it('a process killed at a random moment resumes to the uninterrupted result, state and draws included', async () => {
    const checkpoint = await checkpointOfKilledRun('train-stochastic-with-checkpoints.ts');
    expect(checkpoint.iteration).toBeGreaterThan(0);
    expect(checkpoint.iteration).toBeLessThan(LONG_RUN.options.iterations); // it was killed mid-run
    const { inputs: longInputs, labels: longLabels } = longRunProblem();
    const resumed = resumeTraining(acmeContainer(LONG_RUN.seed), checkpoint, longInputs, longLabels, LONG_RUN.options);
    const reference = longRunProblem();
    const history = reference.container
      .get(TRAINER)
      .train(reference.network, reference.inputs, reference.labels, LONG_RUN.options);
    expect(outcome(resumed.network, resumed.history)).toEqual(outcome(reference.network, history));
  }, 60_000);
});
