import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Matrix, ModelFileError, resumeTraining, SeededRandom, TRAINER, type TrainOptions } from '@bpnet/core';
import { fileCheckpoints, loadCheckpointFile } from '@bpnet/core/node';
import { NumpyRandomState } from '@bpnet/numpy-random';
import { describe, expect, it } from 'vitest';
import { checkpointProblem, memoryCheckpoints } from './fixtures/checkpoint-problem.js';
import { checkpointOfKilledRun } from './fixtures/killed-run.js';
import { snapshotParameters } from './fixtures/three-layer.js';

type Setting = [string, () => Partial<TrainOptions>];
const settings: Setting[] = [
  ['random batches, sgd', () => ({ sampling: 'random-batch', seed: 3 })],
  ['shuffled epochs, momentum', () => ({ sampling: 'epoch', optimizer: { kind: 'momentum' }, seed: 4 })],
  [
    'numpy random stream, early stopping',
    () => ({ random: new NumpyRandomState(9), earlyStopping: { patience: 1000 } }),
  ],
];

/** The run every setting trains, validated on its training data, with the setting's options. */
function runOptions(inputs: Matrix, labels: number[], extra: Partial<TrainOptions>): TrainOptions {
  return { learningRate: 0.5, iterations: 120, batchSize: 7, validation: { inputs, labels }, ...extra };
}

function uninterrupted(extra: Partial<TrainOptions>) {
  const { inputs, labels, container, network } = checkpointProblem();
  const history = container.get(TRAINER).train(network, inputs, labels, runOptions(inputs, labels, extra));
  return { history, parameters: snapshotParameters(network) };
}

describe('checkpoints and exact resume', () => {
  describe.each(settings)('%s', (_, extra) => {
    const expected = uninterrupted(extra());

    it.each([1, 13, 40, 77, 119])(
      'an abort after %i iterations writes a checkpoint; resuming gives the uninterrupted run exactly',
      (stopAt) => {
        const { inputs, labels, container, network } = checkpointProblem();
        const controller = new AbortController();
        const { written, options } = memoryCheckpoints(20);
        const first = container.get(TRAINER).train(network, inputs, labels, {
          ...runOptions(inputs, labels, extra()),
          ...options,
          signal: controller.signal,
          onProgress: ({ iteration }) => iteration === stopAt && controller.abort(),
        });
        expect(first.interrupted).toBe(true);
        expect(first.loss).toHaveLength(stopAt);
        const last = written[written.length - 1];
        expect(last.iteration).toBe(stopAt);
        const resumed = resumeTraining(
          checkpointProblem().container,
          last,
          inputs,
          labels,
          runOptions(inputs, labels, extra()),
        );
        expect(resumed.history.loss).toEqual(expected.history.loss);
        expect(resumed.history.accuracy).toEqual(expected.history.accuracy);
        expect(resumed.history.validationLoss).toEqual(expected.history.validationLoss);
        expect(snapshotParameters(resumed.network)).toEqual(expected.parameters);
        expect(resumed.history.optimizerState).toEqual(expected.history.optimizerState);
      },
    );

    it('a crash resumes from the last periodic checkpoint exactly', () => {
      const { inputs, labels, container, network } = checkpointProblem();
      const { written, options } = memoryCheckpoints(25);
      expect(() =>
        container.get(TRAINER).train(network, inputs, labels, {
          ...runOptions(inputs, labels, extra()),
          ...options,
          onProgress: ({ iteration }) => {
            if (iteration === 90) throw new Error('killed');
          },
        }),
      ).toThrow('killed');
      expect(written.map((checkpoint) => checkpoint.iteration)).toEqual([25, 50, 75]);
      const resumed = resumeTraining(
        checkpointProblem().container,
        written[2],
        inputs,
        labels,
        runOptions(inputs, labels, extra()),
      );
      expect(resumed.history.loss).toEqual(expected.history.loss);
      expect(snapshotParameters(resumed.network)).toEqual(expected.parameters);
    });
  });

  it('a crash in the middle of writing a checkpoint file leaves the previous one intact', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-'));
    const path = join(directory, 'run.checkpoint.json');
    const toFile = fileCheckpoints(path);
    const { inputs, labels, container, network } = checkpointProblem();
    let writes = 0;
    expect(() =>
      container.get(TRAINER).train(network, inputs, labels, {
        learningRate: 0.5,
        iterations: 120,
        batchSize: 7,
        seed: 3,
        checkpoint: {
          every: 30,
          write: (checkpoint) => {
            if (++writes < 3) return toFile(checkpoint);
            // The process dies half-way through writing the third checkpoint's temporary file.
            writeFileSync(join(directory, '.run.checkpoint.json.tmp'), JSON.stringify(checkpoint).slice(0, 1000));
            throw new Error('killed while writing');
          },
        },
      }),
    ).toThrow('killed while writing');
    const checkpoint = loadCheckpointFile(path);
    expect(checkpoint.iteration).toBe(60);
    const resumed = resumeTraining(checkpointProblem().container, checkpoint, inputs, labels, {
      learningRate: 0.5,
      iterations: 120,
      batchSize: 7,
      seed: 3,
    });
    const { container: fresh, network: reference } = checkpointProblem();
    const expected = fresh
      .get(TRAINER)
      .train(reference, inputs, labels, { learningRate: 0.5, iterations: 120, batchSize: 7, seed: 3 });
    expect(resumed.history.loss).toEqual(expected.loss);
    expect(snapshotParameters(resumed.network)).toEqual(snapshotParameters(reference));
  });

  it('a process killed at a random moment resumes to the uninterrupted result', async () => {
    const checkpoint = await checkpointOfKilledRun('train-with-checkpoints.ts');
    expect(checkpoint.iteration).toBeGreaterThan(0);
    expect(checkpoint.iteration).toBeLessThan(4000); // it was killed mid-run
    const { inputs, labels } = checkpointProblem(200, 20, 40);
    const options = { learningRate: 0.3, iterations: 4000, batchSize: 10, seed: 8 };
    const resumed = resumeTraining(checkpointProblem(200, 20, 40).container, checkpoint, inputs, labels, options);
    const { container, network } = checkpointProblem(200, 20, 40);
    const expected = container.get(TRAINER).train(network, inputs, labels, options);
    expect(resumed.history.loss).toEqual(expected.loss);
    expect(snapshotParameters(resumed.network)).toEqual(snapshotParameters(network));
  }, 60_000);

  it('refuses to resume on other data or options, leaving the network untouched', () => {
    const { inputs, labels, container, network } = checkpointProblem();
    const { written, options } = memoryCheckpoints(10);
    container
      .get(TRAINER)
      .train(network, inputs, labels, { learningRate: 0.5, iterations: 10, batchSize: 7, seed: 1, ...options });
    const other = checkpointProblem();
    const before = snapshotParameters(other.network);
    const trainer = other.container.get(TRAINER);
    expect(() =>
      trainer.train(other.network, inputs, labels, {
        learningRate: 0.5,
        iterations: 20,
        batchSize: 8,
        seed: 1,
        resumeFrom: written[0],
      }),
    ).toThrow('resume: batchSize is 8 but the checkpoint was trained with 7; resume with the same data and options');
    const otherLabels = labels.map((label) => (label + 1) % 3);
    expect(() =>
      trainer.train(other.network, inputs, otherLabels, {
        learningRate: 0.5,
        iterations: 20,
        batchSize: 7,
        seed: 1,
        resumeFrom: written[0],
      }),
    ).toThrow(/^resume: dataFingerprint is "[0-9a-f]{8}" but the checkpoint was trained with "[0-9a-f]{8}"/);
    const broken = { ...written[0], optimizer: { kind: 'sgd', config: {}, step: -1, slots: {} } };
    expect(() =>
      trainer.train(other.network, inputs, labels, {
        learningRate: 0.5,
        iterations: 20,
        batchSize: 7,
        seed: 1,
        resumeFrom: broken,
      }),
    ).toThrow('sgd optimizer state: step must be a non-negative integer, got -1');
    expect(snapshotParameters(other.network)).toEqual(before);
  });

  it('reports a damaged checkpoint file as a ModelFileError', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-'));
    const path = join(directory, 'run.checkpoint.json');
    const { inputs, labels, container, network } = checkpointProblem();
    container.get(TRAINER).train(network, inputs, labels, {
      learningRate: 0.5,
      iterations: 10,
      batchSize: 7,
      random: new SeededRandom(1),
      checkpoint: { every: 10, write: fileCheckpoints(path) },
    });
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, text.length / 2));
    expect(() => loadCheckpointFile(path)).toThrow(ModelFileError);
    expect(() => loadCheckpointFile(path)).toThrow(/^Checkpoint file .*: not valid JSON \(truncated or damaged\?\)/);
    expect(() => loadCheckpointFile(join(directory, 'missing.json'))).toThrow(/cannot be read/);
  });
});

describe('trainAsync', () => {
  it('gives the same result as train, and lets a timer abort it between iterations', async () => {
    const options = { learningRate: 0.3, iterations: 4000, batchSize: 10, seed: 8 };
    const sync = checkpointProblem(200, 20, 40);
    const expected = sync.container.get(TRAINER).train(sync.network, sync.inputs, sync.labels, options);
    const async = checkpointProblem(200, 20, 40);
    const history = await async.container
      .get(TRAINER)
      .trainAsync(async.network, async.inputs, async.labels, { ...options, yieldEveryMs: 1 });
    expect(history.loss).toEqual(expected.loss);
    expect(snapshotParameters(async.network)).toEqual(snapshotParameters(sync.network));

    const interrupted = checkpointProblem(200, 20, 40);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const partial = await interrupted.container
      .get(TRAINER)
      .trainAsync(interrupted.network, interrupted.inputs, interrupted.labels, {
        ...options,
        signal: controller.signal,
        yieldEveryMs: 5,
      });
    expect(partial.interrupted).toBe(true);
    expect(partial.loss.length).toBeLessThan(4000);
    expect(partial.loss).toEqual(expected.loss.slice(0, partial.loss.length));
  });
});
