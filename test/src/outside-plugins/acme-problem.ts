import { buildNetwork, createContainer, type Network, type NetworkSpec, SeededRandom, seededRandomModule } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { adamModule } from '@bpnet/adam';
import { denseModule } from '@bpnet/dense';
import { dropoutModule } from '@bpnet/dropout';
import { momentumModule } from '@bpnet/momentum';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import type { Container, ContainerModule } from 'inversify';
import { acmeLayersModule } from './acme-modules.js';

/** bpnet's dense, tanh, dropout, sigmoid, squared error, adam and momentum, the acme layers, a seeded source, plus `extra`. */
export function acmeContainer(seed: number, ...extra: ContainerModule[]): Container {
  return createContainer(denseModule, tanhModule, dropoutModule, sigmoidModule, squaredErrorModule, adamModule, momentumModule, acmeLayersModule, seededRandomModule(seed), ...extra);
}

/**
 * A network with running state (three `acme/running-center`s, two nested), three noise layers (two nested) and
 * bpnet's dropout, all drawing from the network's one source: 4 → dense 6 → center → noise → tanh → dropout →
 * twice(center) → twice(noise) → dense 3 → sigmoid, squared error.
 */
export function stochasticStateSpec(inputSize = 4, hidden = 6): NetworkSpec {
  return {
    inputSize,
    layers: [
      { kind: 'dense', units: hidden, weightInitializer: { kind: 'gaussian', std: 0.5 } },
      { kind: 'acme/running-center' },
      { kind: 'acme/noise', sigma: 0.3 },
      { kind: 'tanh' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'acme/twice', body: { kind: 'acme/running-center' } },
      { kind: 'acme/twice', body: { kind: 'acme/noise', sigma: 0.2 } },
      { kind: 'dense', units: 3, weightInitializer: { kind: 'gaussian', std: 0.5 } },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  };
}

/** A small three-class problem, the same on every call: label 1 when x0 + x1 > 0, else 2 when x2 > 0, else 0. */
export function acmeData(samples = 40, inputSize = 4) {
  const random = new SeededRandom(11);
  const inputs = randomMatrix(samples, inputSize, random);
  const labels = Array.from({ length: samples }, (_, n) => (inputs.get(n, 0) + inputs.get(n, 1) > 0 ? 1 : inputs.get(n, 2) > 0 ? 2 : 0));
  return { inputs, labels };
}

/** Copies of every parameter's and state buffer's values, by path (to compare bit for bit with `toEqual`). */
export function snapshot(network: Network): { parameters: Record<string, number[]>; state: Record<string, number[]> } {
  return {
    parameters: Object.fromEntries(network.namedParameters().map(({ path, parameter }) => [path, Array.from(parameter.value.data)])),
    state: Object.fromEntries(network.namedState().map(({ path, state }) => [path, Array.from(state.value.data)])),
  };
}

/** The long run the kill-and-resume test interrupts in a child process (see fixtures/train-stochastic-with-checkpoints.ts). */
export const LONG_RUN = {
  seed: 7,
  samples: 200,
  inputSize: 8,
  hidden: 24,
  options: { learningRate: 0.01, iterations: 20_000, batchSize: 10, seed: 8, optimizer: { kind: 'adam' } },
} as const;

/** The container, data and freshly built network of {@link LONG_RUN}, the same on every call. */
export function longRunProblem() {
  const container = acmeContainer(LONG_RUN.seed);
  const { inputs, labels } = acmeData(LONG_RUN.samples, LONG_RUN.inputSize);
  const network = buildNetwork(container, stochasticStateSpec(LONG_RUN.inputSize, LONG_RUN.hidden));
  return { container, inputs, labels, network };
}
