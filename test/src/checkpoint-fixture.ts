import { type Network, SeededRandom, type TrainingCheckpoint, type TrainOptions } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { momentumModule } from '@bpnet/momentum';
import { threeLayerContainer, threeLayerNetwork } from './three-layer-fixture.js';

/** A small classification problem and a network for checkpoint tests, the same on every call. */
export function checkpointProblem(samples = 40, inputSize = 5, hidden = 8) {
  const random = new SeededRandom(77);
  const inputs = randomMatrix(samples, inputSize, random);
  const labels = Array.from({ length: samples }, (_, n) => (inputs.get(n, 0) + inputs.get(n, 1) > 0 ? 1 : inputs.get(n, 2) > 0 ? 2 : 0));
  const container = threeLayerContainer(5, momentumModule);
  const network: Network = threeLayerNetwork(container, inputSize, hidden, 3, { kind: 'gaussian', std: 0.5 });
  return { inputs, labels, container, network };
}

/** Keeps every checkpoint written, as it would be read back from a file (through JSON). */
export function memoryCheckpoints(every: number) {
  const written: TrainingCheckpoint[] = [];
  const options: Pick<TrainOptions, 'checkpoint'> = { checkpoint: { every, write: (checkpoint) => written.push(JSON.parse(JSON.stringify(checkpoint))) } };
  return { written, options };
}
