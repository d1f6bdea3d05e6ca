import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  type Layer,
  Matrix,
  type NetworkSpec,
  SeededRandom,
  seededRandomModule,
} from '@bpnet/core';
import { INFERENCE_PASS } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { DenseLayer } from '@bpnet/dense';
import { TanhLayer } from '@bpnet/tanh';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { containersModule } from './containers-module.js';
import { SequentialLayer } from './sequential-layer.js';

/**
 * A container with dense, tanh, ReLU, sigmoid, the three containers and squared error, plus `more` (a seed, test
 * kinds).
 */
function testContainer(...more: ContainerModule[]) {
  return createContainer(
    denseModule,
    tanhModule,
    reluModule,
    sigmoidModule,
    containersModule,
    squaredErrorModule,
    ...more,
  );
}

const plainLayers = [
  { kind: 'dense', units: 5 },
  { kind: 'relu' },
  { kind: 'dense', units: 4 },
  { kind: 'sigmoid' },
  { kind: 'dense', units: 2 },
];

describe('SequentialLayer', () => {
  it('gives the same bits forward and backward as the same layers laid out flat in the network', () => {
    const spec = (layers: NetworkSpec['layers']): NetworkSpec => ({
      inputSize: 3,
      layers,
      loss: { kind: 'squared-error' },
    });
    const nested = buildNetwork(
      testContainer(seededRandomModule(1)),
      spec([{ kind: 'sequential', layers: plainLayers }]),
    );
    const flat = buildNetwork(testContainer(seededRandomModule(2)), spec(plainLayers));
    expect(nested.namedParameters().map(({ path }) => path)).toEqual(
      flat.namedParameters().map(({ path }) => `layers[0].${path}`),
    );
    // Copy the nested network's weights into the flat one, whose own initial values differ.
    flat
      .namedParameters()
      .forEach(({ parameter }, index) =>
        parameter.value.data.set(nested.namedParameters()[index].parameter.value.data),
      );
    const random = new SeededRandom(5);
    const inputs = randomMatrix(6, 3, random);
    const targets = randomMatrix(6, 2, random);
    expect(nested.forward(inputs).data).toEqual(flat.forward(inputs).data);
    expect(nested.backpropUnchecked(inputs, targets)).toBe(flat.backpropUnchecked(inputs, targets));
    nested.namedParameters().forEach(({ path, parameter }, index) => {
      expect(parameter.grad.data, path).toEqual(flat.namedParameters()[index].parameter.grad.data);
    });
    // ∂J/∂x, which the network does not compute for its first layer: the container's against the flat layers in
    // reverse.
    const delta = randomMatrix(6, 2, random);
    nested.forwardUnchecked(inputs);
    const nestedInputGradient = nested.layers[0].backward(delta).clone();
    flat.forwardUnchecked(inputs);
    let flatInputGradient = delta;
    for (let index = flat.layers.length - 1; index >= 0; index--)
      flatInputGradient = flat.layers[index].backward(flatInputGradient);
    expect(nestedInputGradient.data).toEqual(flatInputGradient.data);
  });

  it('uses backward for a first child without backwardParameters, leaving the gradients of backward', () => {
    const random = new SeededRandom(3);
    const dense = new DenseLayer(2, 3);
    dense.weights.value.data.set(randomMatrix(2, 3, random).data);
    const tanh = new TanhLayer(2);
    let tanhBackwards = 0;
    // A tanh that counts its backwards and, unlike a dense layer, offers no backwardParameters.
    const countingTanh: Layer = {
      kind: 'tanh',
      inputSize: 2,
      outputSize: 2,
      parameters: () => [],
      forward: (input) => tanh.forward(input),
      backward: (sensitivity) => {
        tanhBackwards++;
        return tanh.backward(sensitivity);
      },
    };
    const sequential = new SequentialLayer(2, [countingTanh, dense]);
    const x = randomMatrix(4, 2, random);
    const delta = randomMatrix(4, 3, random);
    sequential.forward(x, INFERENCE_PASS);
    sequential.backward(delta);
    const expected = [Array.from(dense.weights.grad.data), Array.from(dense.bias.grad.data)];
    dense.weights.grad.data.fill(0);
    dense.bias.grad.data.fill(0);
    sequential.forward(x, INFERENCE_PASS);
    sequential.backwardParameters(delta);
    expect([Array.from(dense.weights.grad.data), Array.from(dense.bias.grad.data)]).toEqual(expected);
    expect(tanhBackwards).toBe(2); // once in backward, once in backwardParameters (it has no backwardParameters)
  });

  it('computes f_2(f_1(x)) on a hand-worked case and names its children layers[i]', () => {
    const dense = new DenseLayer(1, 2);
    dense.weights.value.data.set([2, -3]);
    const tanh = new TanhLayer(2);
    const sequential = new SequentialLayer(1, [dense, tanh]);
    // x = 0.5: net = [1, −1.5], y = [tanh 1, tanh −1.5].
    expect(Array.from(sequential.forward(Matrix.fromRows([[0.5]]), INFERENCE_PASS).data)).toEqual([
      Math.tanh(1),
      Math.tanh(-1.5),
    ]);
    // s = [1, 1]: ∂J/∂net = [1 − tanh² 1, 1 − tanh² 1.5]; ∂J/∂x = 2(1 − tanh² 1) − 3(1 − tanh² 1.5).
    const expected = 2 * (1 - Math.tanh(1) ** 2) - 3 * (1 - Math.tanh(-1.5) ** 2);
    expect(sequential.backward(Matrix.fromRows([[1, 1]])).data[0]).toBeCloseTo(expected, 15);
    expect(sequential.children()).toEqual([
      { name: 'layers[0]', layer: dense },
      { name: 'layers[1]', layer: tanh },
    ]);
    expect(sequential.parameters()).toEqual([]);
  });

  it('rejects no layers, sizes that do not chain and bad shapes', () => {
    expect(() => new SequentialLayer(2, [], 'sequential at layers[3]')).toThrow(
      'sequential at layers[3]: layers must hold at least one layer',
    );
    expect(() => new SequentialLayer(2, [new DenseLayer(2, 4), new DenseLayer(3, 1)])).toThrow(
      'sequential: layers[1] (dense) takes 3 columns but layers[0] gives 4',
    );
    const sequential = new SequentialLayer(2, [new TanhLayer(2)]);
    expect(() => sequential.backwardParameters(Matrix.zeros(1, 2))).toThrow(
      'sequential: backward called before forward',
    );
    expect(() => sequential.forward(Matrix.zeros(1, 1), INFERENCE_PASS)).toThrow(
      'sequential: input has 1 columns, expected 2',
    );
    sequential.forward(Matrix.zeros(3, 2), INFERENCE_PASS);
    expect(() => sequential.backward(Matrix.zeros(2, 2))).toThrow('sequential: sensitivity is 2×2, expected 3×2');
  });
});
