import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../container/build-network.js';
import { TRAINER } from '../trainer.js';
import { snapshotParameters, threeLayerContainer } from '../../test-fixtures/three-layer.js';
import type { TrainOptions } from '../training-options.js';
import { resumeTraining } from './resume-training.js';
import type { TrainingCheckpoint } from './training-checkpoint.js';

const HISTORY_LIMIT = 10_000;

/** The smallest network: one input, one dense unit, squared error; one sample, so every iteration is an epoch. */
function tinyProblem() {
  const container = threeLayerContainer(11);
  const network = buildNetwork(container, {
    inputSize: 1,
    layers: [{ kind: 'dense', units: 1, weightInitializer: { kind: 'gaussian', std: 0.5 } }],
    loss: { kind: 'squared-error' },
  });
  return { container, network, inputs: [[0.5]], targets: [[0.25]] };
}

const tinyOptions = (iterations: number): TrainOptions => ({
  learningRate: 0.01,
  iterations,
  batchSize: 1,
  seed: 1,
  optimizer: { kind: 'sgd' },
});

/** Trains the tiny problem and keeps, through JSON, the checkpoints written at the given iterations. */
function trainKeeping(iterations: number, at: readonly number[]) {
  const { container, network, inputs, targets } = tinyProblem();
  const kept = new Map<number, { checkpoint: TrainingCheckpoint; bytes: number }>();
  const history = container.get(TRAINER).train(network, inputs, targets, {
    ...tinyOptions(iterations),
    // every 1,000 iterations, as a long run would; only the asked-for ones are serialized and kept
    checkpoint: {
      every: 1000,
      write: (checkpoint) =>
        void (
          at.includes(checkpoint.iteration) &&
          kept.set(checkpoint.iteration, {
            checkpoint: JSON.parse(JSON.stringify(checkpoint)),
            bytes: JSON.stringify(checkpoint).length,
          })
        ),
    },
  });
  return { history, network, kept };
}

describe('long runs', () => {
  const RUN = 250_000;
  const { history: expected, network: reference, kept } = trainKeeping(RUN, [1000, 100_000, 200_000, 249_000]);

  it('a run of 250,000 iterations checkpointed late resumes to exactly the uninterrupted result', () => {
    const { checkpoint } = kept.get(249_000) as { checkpoint: TrainingCheckpoint };
    const resumed = resumeTraining(tinyProblem().container, checkpoint, [[0.5]], [[0.25]], tinyOptions(RUN));
    expect(snapshotParameters(resumed.network)).toEqual(snapshotParameters(reference));
    expect(resumed.history.loss).toEqual(expected.loss);
    expect(resumed.history.accuracy).toEqual(expected.accuracy);
    expect(resumed.history.lossEvery).toBe(expected.lossEvery);
    expect(resumed.history.optimizerState).toEqual(expected.optimizerState);
  });

  it('keeps at most 10,000 values per series: every 32nd of 250,000, exactly the losses of those iterations', () => {
    expect(expected.lossEvery).toBe(32); // 250,000 / 16 > 10,000 ≥ 250,000 / 32
    expect(expected.loss).toHaveLength(Math.ceil(RUN / 32));
    expect(expected.epochEvery).toBe(32); // one sample, so one iteration per epoch
    expect(expected.accuracy).toHaveLength(Math.ceil(RUN / 32));
    const { history: short } = trainKeeping(9000, []);
    expect(short.lossEvery).toBe(1);
    expect(short.loss).toHaveLength(9000);
    // the kept losses are those an unthinned record has at iterations 0, 32, 64, …
    expect(expected.loss.slice(0, Math.ceil(9000 / 32))).toEqual(short.loss.filter((_, i) => i % 32 === 0));
  });

  it("a checkpoint's size does not grow with the iterations done", () => {
    const bytes = (iteration: number) => (kept.get(iteration) as { bytes: number }).bytes;
    expect(bytes(1000)).toBeLessThan(60_000);
    // two series (loss, accuracy) of at most HISTORY_LIMIT numbers of at most 24 characters, plus the rest
    const bound = 2 * HISTORY_LIMIT * 25 + 10_000;
    for (const iteration of [100_000, 200_000, 249_000]) expect(bytes(iteration)).toBeLessThan(bound);
    expect(Math.abs(bytes(200_000) - bytes(100_000))).toBeLessThan(bytes(100_000) / 5);
    const history = (kept.get(249_000) as { checkpoint: TrainingCheckpoint }).checkpoint.history;
    expect(history.loss).toMatchObject({ every: 32 });
  });
});
