import { Matrix, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkLayerGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { DenseLayer } from './dense-layer.js';

function randomDense(inputSize: number, units: number, random: SeededRandom): DenseLayer {
  const layer = new DenseLayer(inputSize, units);
  layer.weights.value.data.set(randomMatrix(inputSize, units, random).data);
  layer.bias.value.data.set(randomMatrix(1, units, random).data);
  return layer;
}

describe('DenseLayer', () => {
  it.each([
    [1, 1, 1],
    [1, 4, 3],
    [5, 4, 20],
    [15, 20, 3],
    [7, 3, 6],
  ])('matches central differences for input, weights and bias (batch %i, %i → %i)', (batch, inputSize, units) => {
    const random = new SeededRandom(batch * 100 + units);
    const layer = randomDense(inputSize, units, random);
    const comparisons = checkLayerGradients(layer, randomMatrix(batch, inputSize, random), { random });
    expect(comparisons.map((c) => c.name)).toEqual(['input', 'weights', 'bias']);
    assertGradientsMatch('dense', comparisons);
  });

  it('computes net = xW + b and its backward on a hand-worked case', () => {
    const layer = new DenseLayer(2, 2);
    layer.weights.value.data.set([1, 2, 3, 4]); // W = [[1, 2], [3, 4]]
    layer.bias.value.data.set([0.5, -1]);
    const x = Matrix.fromRows([
      [1, 0],
      [2, -1],
    ]);
    // row 0: [1·1 + 0·3 + 0.5, 1·2 + 0·4 − 1] = [1.5, 1]; row 1: [2 − 3 + 0.5, 4 − 4 − 1] = [−0.5, −1]
    expect(layer.forward(x).toRows()).toEqual([
      [1.5, 1],
      [-0.5, -1],
    ]);
    const delta = Matrix.fromRows([
      [1, 2],
      [-1, 0.5],
    ]);
    // δ·Wᵀ: row 0 [1·1 + 2·2, 1·3 + 2·4] = [5, 11]; row 1 [−1 + 1, −3 + 2] = [0, −1]
    expect(layer.backward(delta).toRows()).toEqual([
      [5, 11],
      [0, -1],
    ]);
    // xᵀ·δ: [[1·1 + 2·(−1), 1·2 + 2·0.5], [0·1 + (−1)(−1), 0·2 + (−1)(0.5)]] = [[−1, 3], [1, −0.5]]
    expect(layer.weights.grad.toRows()).toEqual([
      [-1, 3],
      [1, -0.5],
    ]);
    expect(layer.bias.grad.toRows()).toEqual([[0, 2.5]]);
  });

  it('gives the same parameter gradients from backwardParameters, without the input sensitivity', () => {
    const layer = new DenseLayer(2, 2);
    layer.weights.value.data.set([1, 2, 3, 4]);
    layer.forward(
      Matrix.fromRows([
        [1, 0],
        [2, -1],
      ]),
    );
    layer.backwardParameters(
      Matrix.fromRows([
        [1, 2],
        [-1, 0.5],
      ]),
    );
    expect(layer.weights.grad.toRows()).toEqual([
      [-1, 3],
      [1, -0.5],
    ]); // xᵀ·δ, as in the hand-worked case above
    expect(layer.bias.grad.toRows()).toEqual([[0, 2.5]]);
  });

  it('adds into the gradients rather than overwriting them', () => {
    const layer = new DenseLayer(1, 1);
    layer.weights.value.data.set([2]);
    const x = Matrix.fromRows([[3]]);
    layer.forward(x);
    layer.backward(Matrix.fromRows([[1]]));
    layer.backward(Matrix.fromRows([[1]]));
    expect(layer.weights.grad.data[0]).toBe(6);
    expect(layer.bias.grad.data[0]).toBe(2);
  });

  it('rejects an input with the wrong number of columns, saying where and what was expected', () => {
    const layer = new DenseLayer(4, 20);
    expect(() => layer.forward(Matrix.zeros(2, 3))).toThrow('Dense(4 → 20): input has 3 columns, expected 4');
  });

  it('rejects a sensitivity of the wrong shape and a backward before any forward', () => {
    const layer = new DenseLayer(2, 3);
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('Dense(2 → 3): backward called before forward');
    layer.forward(Matrix.zeros(4, 2));
    expect(() => layer.backward(Matrix.zeros(4, 2))).toThrow(
      'Dense(2 → 3): sensitivity is 4×2, expected 4×3 (batch × units)',
    );
  });

  it.each([0, -1, 2.5, NaN])('rejects %s units or input size', (size) => {
    expect(() => new DenseLayer(3, size)).toThrow(`Dense: units must be a positive integer, got number ${size}`);
    expect(() => new DenseLayer(size, 3)).toThrow(`Dense: inputSize must be a positive integer, got number ${size}`);
  });
});
