import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { buildLayer, builtinInitializers, type LayerContextServices, Registry } from '@bpnet/core/plugin';
import { assertGradientsMatch, checkLayerGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { DenseLayer, denseRegistration, type DenseSpec } from './dense-layer.js';

function randomDense(inputSize: number, units: number, random: SeededRandom): DenseLayer {
  const layer = new DenseLayer(inputSize, units);
  layer.weights.value.data.set(randomMatrix(inputSize, units, random).data);
  layer.bias.value.data.set(randomMatrix(1, units, random).data);
  return layer;
}

/** What `buildLayer` needs: the dense kind, the built-in initializers and an optional limit on values. */
function services(maxValues?: number): LayerContextServices {
  const layers = new Registry('layer', [denseRegistration]);
  const initializers = new Registry('initializer', builtinInitializers);
  return { kernels: jsKernels, random: new SeededRandom(0), initializers, layers, maxValues };
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

describe('denseRegistration.parameterCount', () => {
  it.each([1, 4, 7])(
    'declares the values the layer holds, W and b: (inputSize + 1) · units (input %i)',
    (inputSize) => {
      for (const config of [...(denseRegistration.examples ?? []), { kind: 'dense', units: 20 } as DenseSpec]) {
        const layer = buildLayer(services(), config, inputSize, 'layers[0]');
        const held = layer.parameters().reduce((sum, { value }) => sum + value.data.length, 0);
        expect(denseRegistration.parameterCount?.(config, inputSize)).toBe((inputSize + 1) * config.units);
        expect(held).toBe((inputSize + 1) * config.units);
      }
    },
  );

  it('counts 0 for units create refuses, so that create reports them', () => {
    for (const units of [0, -4, NaN, '3', undefined]) {
      expect(denseRegistration.parameterCount?.({ kind: 'dense', units } as unknown as DenseSpec, 3)).toBe(0);
    }
    expect(() => buildLayer(services(100), { kind: 'dense', units: -4 }, 3, 'layers[0]')).toThrow(
      'dense at layers[0]: units must be a positive integer, got number -4',
    );
  });

  it('makes a build with a limit refuse units before any allocation: (4 + 1) · 3 = 15 values fit 15, not 14', () => {
    expect(() => buildLayer(services(14), { kind: 'dense', units: 3 }, 4, 'layers[0]')).toThrow(
      'layers[0]: the spec asks for over 14 parameter values; refusing to allocate it',
    );
    expect(buildLayer(services(15), { kind: 'dense', units: 3 }, 4, 'layers[0]').outputSize).toBe(3);
    expect(() => buildLayer(services(5e7), { kind: 'dense', units: 1e12 }, 1000, 'layers[2]')).toThrow(
      'layers[2]: the spec asks for over 50000000 parameter values; refusing to allocate it',
    );
  });
});
