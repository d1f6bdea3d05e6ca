import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Network,
  resumeTraining,
  TRAINER,
  type TrainingCheckpoint,
  type TrainingHistory,
  type TrainOptions,
} from '@bpnet/core';
import { CheckpointWriteError, fileCheckpoints, loadCheckpointFile } from '@bpnet/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointProblem } from './fixtures/checkpoint-problem.js';
import { smallDisk } from './fixtures/small-disk.js';
import { snapshotParameters } from './fixtures/three-layer.js';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a run checkpointing to a disk that fills up mid-run (soak)', () => {
  const disk = smallDisk(256 * 1024);
  afterAll(() => disk.dispose());

  it(
    `on ${disk.description}: each failed checkpoint is reported with the run kept, ` +
      `the last good file still parses, and resuming (from either) gives the uninterrupted run bit for bit`,
    () => {
      // A 20-100-3 network: checkpoints of about 50 KB, so the 256 KiB disk holds the old one and a new one while it
      // has room.
      const problem = () => checkpointProblem(40, 20, 100);
      const options = { learningRate: 0.5, iterations: 600, batchSize: 7, seed: 3 };
      const reference = problem();
      const expected = reference.container
        .get(TRAINER)
        .train(reference.network, reference.inputs, reference.labels, options);

      const path = join(disk.directory, 'run.checkpoint.json');
      const failures: { unwritten: number; onDisk: number }[] = [];
      let resumeFrom: TrainingCheckpoint | undefined;
      let finished: { history: TrainingHistory; network: Network } | undefined;
      // Three times, the disk fills up (leaving half a checkpoint free) 5 iterations after a checkpoint was written.
      for (const fillAt of [155, 305, 455, Number.POSITIVE_INFINITY]) {
        const { container, network, inputs, labels } = problem();
        const runOptions: Omit<TrainOptions, 'resumeFrom'> = {
          ...options,
          checkpoint: { every: 10, write: fileCheckpoints(path, { writeBytes: disk.writeBytes }) },
          onProgress: ({ iteration }) => iteration === fillAt && disk.fill(Math.floor(statSync(path).size / 2)),
        };
        const from = resumeFrom;
        const error = caught(() => {
          finished =
            from === undefined
              ? { history: container.get(TRAINER).train(network, inputs, labels, runOptions), network }
              : resumeTraining(container, from, inputs, labels, runOptions);
        });
        if (error === undefined) break;
        expect(error).toBeInstanceOf(CheckpointWriteError);
        const { checkpoint: unwritten, message } = error as CheckpointWriteError;
        expect(message).toMatch(
          new RegExp(
            `^Cannot write the checkpoint of iteration ${unwritten.iteration} to ${path}: ` +
              `no space left on device \\(ENOSPC\\) after writing \\d+ bytes; the file is unchanged`,
          ),
        );
        const onDisk = loadCheckpointFile(path);
        failures.push({ unwritten: unwritten.iteration, onDisk: onDisk.iteration });
        expect(readdirSync(disk.directory).sort()).toEqual(['ballast', 'run.checkpoint.json']);
        disk.empty();
        resumeFrom = failures.length % 2 === 1 ? onDisk : unwritten; // alternately from the file and from the error
      }
      expect(failures).toEqual([
        { unwritten: 160, onDisk: 150 },
        { unwritten: 310, onDisk: 300 },
        { unwritten: 460, onDisk: 450 },
      ]);
      expect(finished?.history.loss).toEqual(expected.loss);
      expect(snapshotParameters(finished?.network as Network)).toEqual(snapshotParameters(reference.network));
    },
  );
});
