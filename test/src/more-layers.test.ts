import { buildNetwork, createContainer, type Network, SeededRandom, seededRandomModule } from '@bpnet/core';
import { NETWORK_BUILDER } from '@bpnet/core/plugin';
import { assertGradientsMatch, checkNetworkGradients, randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';

/** One container holding every layer and loss kind, so both nets below come from the same modules. */
const container = createContainer(
  denseModule,
  tanhModule,
  reluModule,
  sigmoidModule,
  squaredErrorModule,
  softmaxCrossEntropyModule,
  seededRandomModule(7),
);

function checkNetwork(network: Network, name: string): void {
  const random = new SeededRandom(11);
  const inputs = randomMatrix(12, network.inputSize, random);
  const labels = Array.from({ length: 12 }, () => random.integer(network.outputSize));
  const comparisons = checkNetworkGradients(network, inputs, labels);
  expect(comparisons.map((c) => c.name)).toEqual([
    'layers[0].weights',
    'layers[0].bias',
    'layers[2].weights',
    'layers[2].bias',
  ]);
  assertGradientsMatch(name, comparisons);
}

describe('tanh, relu and softmax-cross-entropy in networks', () => {
  it('lists the new kinds beside the built-in ones', () => {
    expect(container.get(NETWORK_BUILDER).kinds()).toMatchObject({
      layers: ['dense', 'relu', 'sigmoid', 'tanh'],
      losses: ['softmax-cross-entropy', 'squared-error'],
    });
  });

  it('backpropagates dense → tanh → dense with softmax-cross-entropy exactly', () => {
    const network = buildNetwork(container, {
      inputSize: 4,
      layers: [{ kind: 'dense', units: 6 }, { kind: 'tanh' }, { kind: 'dense', units: 3 }],
      loss: { kind: 'softmax-cross-entropy' },
    });
    checkNetwork(network, 'dense → tanh → dense → softmax-cross-entropy');
  });

  it('backpropagates dense → relu → dense → sigmoid with squared-error exactly', () => {
    const network = buildNetwork(container, {
      inputSize: 4,
      layers: [{ kind: 'dense', units: 6 }, { kind: 'relu' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
      loss: { kind: 'squared-error' },
    });
    checkNetwork(network, 'dense → relu → dense → sigmoid → squared-error');
  });
});
