import type { BpnetContainer } from '../../di/bpnet-container.js';
import type { InputData, TargetData } from '../../network/batch-data.js';
import { loadModel } from '../../model/load-model.js';
import type { Network } from '../../network/network.js';
import { TRAINER } from '../trainer.js';
import { expectCheckpointHeader, type TrainingCheckpoint } from './training-checkpoint.js';
import type { TrainingHistory, TrainOptions } from '../training-options.js';
import { expectObject } from '../../validation/validate.js';

/**
 * Continues a checkpointed run: rebuilds the network from the checkpoint's model through the container, then trains
 * with the container's trainer from the checkpoint's iteration, with its optimizer, random and sampler state. Given
 * the same data and options, the result is bit for bit that of a run that never stopped.
 * @throws Error `"resume: checkpoint must be an object, got …"` when `checkpoint` is not an object (null, a number,
 *   the unparsed text); Error when it is not a bpnet checkpoint of a version this bpnet reads; ModelFileError when its
 *   model cannot be loaded; Error naming the first setting that differs from the checkpoint's (see
 *   `TrainOptions.resumeFrom`).
 */
export function resumeTraining(
  container: BpnetContainer,
  checkpoint: TrainingCheckpoint,
  inputs: InputData,
  labels: TargetData,
  options: Omit<TrainOptions, 'resumeFrom'>,
): { network: Network; history: TrainingHistory } {
  expectObject(checkpoint, 'resume: checkpoint');
  expectCheckpointHeader(checkpoint, 'resume');
  const network = loadModel(container, checkpoint.model, {}, 'Checkpoint model');
  const history = container.get(TRAINER).train(network, inputs, labels, { ...options, resumeFrom: checkpoint });
  return { network, history };
}

/** {@link resumeTraining} on the trainer's `trainAsync`, so a Ctrl-C handler can stop it again. */
export async function resumeTrainingAsync(
  container: BpnetContainer,
  checkpoint: TrainingCheckpoint,
  inputs: InputData,
  labels: TargetData,
  options: Omit<TrainOptions, 'resumeFrom'> & { readonly yieldEveryMs?: number },
): Promise<{ network: Network; history: TrainingHistory }> {
  expectObject(checkpoint, 'resume: checkpoint');
  expectCheckpointHeader(checkpoint, 'resume');
  const network = loadModel(container, checkpoint.model, {}, 'Checkpoint model');
  const history = await container
    .get(TRAINER)
    .trainAsync(network, inputs, labels, { ...options, resumeFrom: checkpoint });
  return { network, history };
}
