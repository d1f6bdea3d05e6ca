import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { createLayerContext, Registry } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance, randomMatrixAwayFromZero } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { PreluLayer, preluRegistration } from './prelu-layer.js';

describe('acme/prelu', () => {
  it("passes bpnet's conformance kit", () => {
    assertConformance(
      checkLayerConformance(preluRegistration, {
        inputSizes: [1, 4],
        batchSizes: [1, 5],
        makeInput: randomMatrixAwayFromZero,
      }),
    );
  });

  it('computes forward and backward on a hand-worked case', () => {
    const layer = new PreluLayer(2, 0.25);
    const x = Matrix.fromRows([
      [2, -4],
      [-1, 3],
    ]);
    expect(layer.forward(x).toRows()).toEqual([
      [2, -1],
      [-0.25, 3],
    ]);
    expect(
      layer
        .backward(
          Matrix.fromRows([
            [1, 2],
            [3, 4],
          ]),
        )
        .toRows(),
    ).toEqual([
      [1, 0.5],
      [0.75, 4],
    ]);
    // ∂J/∂a_0 = 3 · (−1) = −3 (sample 1); ∂J/∂a_1 = 2 · (−4) = −8 (sample 0)
    expect(layer.slope.grad.toRows()).toEqual([[-3, -8]]);
  });

  it('rejects a bad option', () => {
    const context = createLayerContext(
      { kernels: jsKernels, random: new SeededRandom(0), initializers: new Registry('initializer', []) },
      2,
      'layers[1]',
    );
    expect(() => preluRegistration.create({ kind: 'acme/prelu', slope: 1 }, context)).toThrow(
      "acme/prelu at layers[1]: unknown option 'slope'; expected one of: initialSlope",
    );
  });
});
