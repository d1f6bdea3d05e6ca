import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adamModule } from '@bpnet/adam';
import {
  buildNetwork,
  createContainer,
  ModelFileError,
  resumeTraining,
  SeededRandom,
  seededRandomModule,
  TRAINER,
  type TrainOptions,
} from '@bpnet/core';
import { fileCheckpoints, loadCheckpointFile } from '@bpnet/core/node';
import { randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';

const directory = mkdtempSync(join(tmpdir(), 'bpnet-checkpoint-files-'));

describe('checkpoint files are read within bounds and written in pieces', () => {
  it('refuses a file past its value bound before allocating it, with a ModelFileError', () => {
    const path = join(directory, 'hostile.json');
    writeFileSync(path, `[${new Array(5000).fill(0).join(',')}]`);
    expect(() => loadCheckpointFile(path, { maxStructureValues: 1000 })).toThrow(ModelFileError);
    expect(() => loadCheckpointFile(path, { maxStructureValues: 1000 })).toThrow(
      `Checkpoint file ${path}: more than 1000 JSON values`,
    );
    expect(() => loadCheckpointFile(path, 100)).toThrow(
      `Checkpoint file ${path}: 10001 bytes is over the limit of 100`,
    );
  });

  it(
    'an Adam run checkpointed to a file, read back (its long lists as Float64Arrays) ' +
      'and resumed, ends bit for bit as the uninterrupted run',
    () => {
      const modules = () => [denseModule, sigmoidModule, squaredErrorModule, adamModule, seededRandomModule(5)];
      const spec = {
        inputSize: 6,
        layers: [{ kind: 'dense', units: 40 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
        loss: { kind: 'squared-error' },
      };
      const random = new SeededRandom(8);
      const inputs = randomMatrix(50, 6, random);
      const labels = Array.from({ length: 50 }, (_, n) => (inputs.get(n, 0) > 0 ? 0 : inputs.get(n, 1) > 0 ? 1 : 2));
      const options: TrainOptions = {
        learningRate: 0.01,
        iterations: 60,
        batchSize: 10,
        seed: 2,
        optimizer: { kind: 'adam' },
      };
      const container = createContainer(...modules());
      const network = buildNetwork(container, spec);
      const path = join(directory, 'adam.checkpoint.json');
      const write = fileCheckpoints(path);
      let saved = false;
      const expected = container.get(TRAINER).train(network, inputs, labels, {
        ...options,
        checkpoint: {
          every: 30,
          write: (checkpoint) => {
            if (!saved) write(checkpoint);
            saved = true;
          },
        },
      });
      const checkpoint = loadCheckpointFile(path);
      expect(checkpoint.iteration).toBe(30);
      expect(checkpoint.model.parameters[0].values).toBeInstanceOf(Float64Array);
      expect((checkpoint.optimizer.slots.firstMoment as unknown[])[0]).toBeInstanceOf(Float64Array);
      const resumed = resumeTraining(createContainer(...modules()), checkpoint, inputs, labels, options);
      expect(resumed.history.loss).toEqual(expected.loss);
      expect(resumed.network.parameters().map(({ value }) => Array.from(value.data))).toEqual(
        network.parameters().map(({ value }) => Array.from(value.data)),
      );
    },
  );
});
