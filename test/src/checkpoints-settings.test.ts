import {
  buildNetwork,
  CheckpointError,
  createContainer,
  EarlyStopping,
  type Network,
  seededRandomModule,
  type NetworkSpec,
  resumeTraining,
  TRAINER,
  type TrainingCheckpoint,
  type TrainingHistory,
  type TrainOptions,
} from '@bpnet/core';
import { adamModule } from '@bpnet/adam';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { momentumModule } from '@bpnet/momentum';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { checkpointProblem, memoryCheckpoints } from './fixtures/checkpoint-problem.js';
import { snapshotParameters, threeLayerContainer } from './fixtures/three-layer.js';

const { inputs, labels } = checkpointProblem();
const validation = checkpointProblem(20);
const SAME = '; resume with the same data and options';

const spec = (activation = 'sigmoid', loss = 'squared-error'): NetworkSpec => ({
  inputSize: 5,
  layers: [
    { kind: 'dense', units: 8, weightInitializer: { kind: 'gaussian', std: 0.5 } },
    { kind: 'sigmoid' },
    { kind: 'dense', units: 3, weightInitializer: { kind: 'gaussian', std: 0.5 } },
    { kind: activation },
  ],
  loss: { kind: loss },
});

function problem(networkSpec = spec()) {
  const container = threeLayerContainer(5, momentumModule, adamModule, tanhModule, softmaxCrossEntropyModule);
  return { container, network: buildNetwork(container, networkSpec) };
}

const base = (extra: Partial<TrainOptions>): TrainOptions => ({
  learningRate: 0.5,
  iterations: 30,
  batchSize: 7,
  seed: 2,
  ...extra,
});

/** The checkpoint (through JSON) written after 10 iterations of a run with these options. */
function checkpointOf(extra: Partial<TrainOptions>): TrainingCheckpoint {
  const { container, network } = problem();
  const { written, options } = memoryCheckpoints(10);
  container.get(TRAINER).train(network, inputs, labels, { ...base(extra), ...options });
  return written[0];
}

/**
 * Resuming `checkpoint` with `extra` on a network of `networkSpec` throws `message` and leaves the network as it was.
 */
function expectRefused(
  checkpoint: TrainingCheckpoint,
  extra: Partial<TrainOptions>,
  message: string | RegExp,
  networkSpec = spec(),
) {
  const { container, network } = problem(networkSpec);
  const before = snapshotParameters(network);
  expect(() =>
    container.get(TRAINER).train(network, inputs, labels, { ...base(extra), resumeFrom: checkpoint }),
  ).toThrow(message);
  expect(snapshotParameters(network)).toEqual(before);
}

const withValidation = { validation: { inputs: validation.inputs, labels: validation.labels } };

describe('resume refuses other settings, naming what differs', () => {
  it('another activation or loss with the same shapes', () => {
    const checkpoint = checkpointOf({});
    expectRefused(
      checkpoint,
      {},
      `resume: the model's layers[3].kind is "tanh" but the checkpoint was trained with "sigmoid"${SAME}`,
      spec('tanh'),
    );
    expectRefused(
      checkpoint,
      {},
      `resume: the model's loss.kind is "softmax-cross-entropy" ` +
        `but the checkpoint was trained with "squared-error"${SAME}`,
      spec('sigmoid', 'softmax-cross-entropy'),
    );
  });

  it('another optimizer, or the same one with other options', () => {
    expectRefused(
      checkpointOf({}),
      { optimizer: { kind: 'momentum' } },
      `resume: the optimizer is "momentum" but the checkpoint was trained with "sgd"${SAME}`,
    );
    expectRefused(
      checkpointOf({ optimizer: { kind: 'momentum', momentum: 0.9 } }),
      { optimizer: { kind: 'momentum', momentum: 0.5 } },
      `resume: the optimizer's momentum is 0.5 but the checkpoint was trained with 0.9${SAME}`,
    );
    const adam = checkpointOf({ optimizer: { kind: 'adam' } });
    expectRefused(
      adam,
      { optimizer: { kind: 'adam', beta1: 0.8 } },
      `resume: the optimizer's beta1 is 0.8 but the checkpoint was trained with 0.9${SAME}`,
    );
    expectRefused(
      adam,
      { optimizer: { kind: 'adam', epsilon: 1e-6 } },
      `resume: the optimizer's epsilon is 0.000001 but the checkpoint was trained with 1e-8${SAME}`,
    );
  });

  it('early stopping added, removed, or with another patience', () => {
    const without = checkpointOf(withValidation);
    expectRefused(
      without,
      { ...withValidation, earlyStopping: { patience: 3 } },
      `resume: earlyStopping is given but the checkpoint was trained without early stopping${SAME}`,
    );
    const withEarlyStopping = checkpointOf({ ...withValidation, earlyStopping: { patience: 3 } });
    expectRefused(
      withEarlyStopping,
      withValidation,
      `resume: earlyStopping is not given but the checkpoint was ` +
        `trained with earlyStopping {"patience":3,"minDelta":0}${SAME}`,
    );
    expectRefused(
      withEarlyStopping,
      { ...withValidation, earlyStopping: { patience: 4 } },
      `resume: earlyStopping.patience is 4 but the checkpoint was trained with 3${SAME}`,
    );
    expectRefused(
      withEarlyStopping,
      { ...withValidation, earlyStopping: { patience: 3, minDelta: 0.01 } },
      `resume: earlyStopping.minDelta is 0.01 but the checkpoint was trained with 0${SAME}`,
    );
  });

  it('validation data added, removed or replaced', () => {
    expectRefused(
      checkpointOf({}),
      withValidation,
      `resume: validation data is given but the checkpoint was trained without validation data${SAME}`,
    );
    const checkpoint = checkpointOf(withValidation);
    expectRefused(
      checkpoint,
      {},
      new RegExp(
        /^resume: no validation data is given but the checkpoint was trained with validation data /.source +
          /\(20 samples, fingerprint "[0-9a-f]{8}"\); resume with the same data and options$/.source,
      ),
    );
    expectRefused(
      checkpoint,
      { validation: { inputs, labels } },
      `resume: the validation data has 40 samples but the checkpoint was trained with 20${SAME}`,
    );
    const replaced = {
      validation: { inputs: validation.inputs, labels: validation.labels.map((label) => (label + 1) % 3) },
    };
    expectRefused(
      checkpoint,
      replaced,
      new RegExp(
        /^resume: the validation data's fingerprint is "[0-9a-f]{8}" /.source +
          /but the checkpoint was trained with "[0-9a-f]{8}"; resume with the same data and options$/.source,
      ),
    );
  });

  it('the same settings resume bit for bit; more iterations give the longer uninterrupted run', () => {
    const extra = {
      ...withValidation,
      optimizer: { kind: 'adam', beta1: 0.8 },
      earlyStopping: { patience: 50, minDelta: 0.001 },
    };
    const checkpoint = checkpointOf(extra);
    for (const iterations of [30, 45]) {
      const { container, network } = problem();
      const expected = container.get(TRAINER).train(network, inputs, labels, { ...base(extra), iterations });
      const resumed = resumeTraining(problem().container, checkpoint, inputs, labels, { ...base(extra), iterations });
      expect(resumed.history).toEqual(expected);
      expect(snapshotParameters(resumed.network)).toEqual(snapshotParameters(network));
    }
  });

  it(
    'a version 2 checkpoint resumes a run without validation ' + 'data or early stopping, and refuses one with them',
    () => {
      const { settings, history, ...rest } = checkpointOf({});
      const list = (series: unknown) => (series as { values: number[] }).values;
      const version2 = {
        ...rest,
        version: 2,
        settings: {
          learningRate: settings.learningRate,
          batchSize: settings.batchSize,
          sampling: settings.sampling,
          samples: settings.samples,
          dataFingerprint: settings.dataFingerprint,
        },
        history: {
          loss: list(history.loss),
          accuracy: list(history.accuracy),
          validationAccuracy: [],
          validationLoss: [],
        },
      } as TrainingCheckpoint;
      const { container, network } = problem();
      const expected = container.get(TRAINER).train(network, inputs, labels, base({}));
      expect(resumeTraining(problem().container, version2, inputs, labels, base({})).history).toEqual(expected);
      expectRefused(
        version2,
        withValidation,
        'resume: a version 2 checkpoint does not record the validation data or early stopping options, ' +
          'so a run with validation data cannot be checked against it; resume without them, or start again',
      );
    },
  );
});

describe('non-finite values in a checkpoint', () => {
  /** One input, one linear unit, squared error: a validation input of 1e200 makes the validation loss overflow. */
  function linear(): { network: Network; train: (options: TrainOptions) => TrainingHistory } {
    const container = threeLayerContainer(3);
    const network = buildNetwork(container, {
      inputSize: 1,
      layers: [{ kind: 'dense', units: 1, weightInitializer: { kind: 'gaussian', std: 0.5 } }],
      loss: { kind: 'squared-error' },
    });
    return {
      network,
      train: (options) => container.get(TRAINER).train(network, [[0.5], [1]], [[0.25], [0.5]], options),
    };
  }

  it('a run whose validation loss is Infinity resumes from its own checkpoint to the uninterrupted result', () => {
    const options: TrainOptions = {
      learningRate: 0.1,
      iterations: 20,
      batchSize: 1,
      seed: 4,
      validation: { inputs: [[1e200]], labels: [[0]] },
      earlyStopping: { patience: 100 },
    };
    const reference = linear();
    const expected = reference.train(options);
    expect(expected.validationLoss.every((loss) => loss === Infinity)).toBe(true);
    const { written, options: checkpoints } = memoryCheckpoints(7);
    linear().train({ ...options, ...checkpoints });
    expect(JSON.stringify(written[1].history.validationLoss)).toContain('"Infinity"');
    const resumed = resumeTraining(threeLayerContainer(3), written[1], [[0.5], [1]], [[0.25], [0.5]], options);
    expect(resumed.history).toEqual(expected);
    expect(snapshotParameters(resumed.network)).toEqual(snapshotParameters(reference.network));
  });

  it('early stopping keeps a best loss of -Infinity through JSON', () => {
    const parameters = [{ value: { data: new Float64Array([1]) } }] as never;
    const watcher = new EarlyStopping({ patience: 2 });
    watcher.observe(0, -Infinity, parameters);
    const saved = JSON.parse(JSON.stringify(watcher.saveState()));
    expect(saved.best).toBe('-Infinity');
    const restored = new EarlyStopping({ patience: 2 });
    restored.loadState(saved, parameters);
    expect(restored.observe(1, -1e308, parameters)).toBe(false); // no improvement: one epoch without
    expect(restored.observe(2, 5, parameters)).toBe(true); // a second one stops
    expect(() => restored.loadState({ ...saved, best: 'Inf' }, parameters)).toThrow(
      'early stopping state: best must be a finite number or one of "Infinity", "-Infinity", "NaN", got "Inf"',
    );
  });

  it("refuses a history value that is neither a number nor a non-finite number's name", () => {
    const { written, options } = memoryCheckpoints(10);
    const first = problem();
    first.container.get(TRAINER).train(first.network, inputs, labels, { ...base(withValidation), ...options });
    const { history } = written[0];
    const damaged = {
      ...written[0],
      history: { ...history, validationLoss: { every: 1, values: [null, 1] } },
    } as unknown as TrainingCheckpoint;
    expectRefused(
      damaged,
      withValidation,
      "resume: the checkpoint's history.validationLoss[0] must be a " +
        'finite number or one of "Infinity", "-Infinity", "NaN", got null',
    );
  });
});

describe('a checkpoint writer that fails', () => {
  it(
    'stops the run at that checkpoint and hands it over in the error, ' +
      'so resuming from it gives the uninterrupted run',
    () => {
      const modules = () => [denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(3)];
      const spec = {
        inputSize: 2,
        layers: [{ kind: 'dense', units: 4 }, { kind: 'sigmoid' }, { kind: 'dense', units: 2 }, { kind: 'sigmoid' }],
        loss: { kind: 'squared-error' },
      };
      const inputs = [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ];
      const labels = [0, 1, 1, 0];
      const options = { learningRate: 2, iterations: 40, batchSize: 4, seed: 1 };
      const container = createContainer(...modules());
      const uninterrupted = buildNetwork(container, spec);
      const expected = container.get(TRAINER).train(uninterrupted, inputs, labels, options);
      const failing = createContainer(...modules());
      const network = buildNetwork(failing, spec);
      let error: unknown;
      try {
        failing.get(TRAINER).train(network, inputs, labels, {
          ...options,
          checkpoint: {
            every: 10,
            write: (c) => {
              if (c.iteration === 20) throw new Error('disk on fire');
            },
          },
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as Error).message).toBe(
        'train: checkpoint.write failed at iteration 20: disk on fire; the run stopped there, ' +
          "and this error's checkpoint property holds the checkpoint to resume from",
      );
      const checkpoint = JSON.parse(JSON.stringify((error as InstanceType<typeof CheckpointError>).checkpoint));
      const resumed = resumeTraining(createContainer(...modules()), checkpoint, inputs, labels, options);
      expect(resumed.history.loss).toEqual(expected.loss);
      expect(resumed.network.parameters().map(({ value }) => Array.from(value.data))).toEqual(
        uninterrupted.parameters().map(({ value }) => Array.from(value.data)),
      );
    },
  );
});
