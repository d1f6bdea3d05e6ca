import { type Layer, Matrix } from '@bpnet/core';
import { INFERENCE_PASS } from '@bpnet/core/plugin';
import { DenseLayer } from '@bpnet/dense';
import { TanhLayer } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { ResidualLayer } from './residual-layer.js';

/** A 2 → 2 dense layer with W = [[1, −1], [2, 0.5]] and b = [0.25, −1]. */
function knownDense(): DenseLayer {
  const dense = new DenseLayer(2, 2);
  dense.weights.value.data.set([1, -1, 2, 0.5]);
  dense.bias.value.data.set([0.25, -1]);
  return dense;
}

describe('ResidualLayer', () => {
  it('computes y = x + f(x) and ∂J/∂x = s + f.backward(s) on a hand-worked dense body', () => {
    const dense = knownDense();
    const residual = new ResidualLayer(2, [dense]);
    const x = Matrix.fromRows([
      [1, 2],
      [-2, 0.5],
    ]);
    // f(x) = x·W + b. Row 0: [1·1 + 2·2 + 0.25, 1·(−1) + 2·0.5 − 1] = [5.25, −1];
    //                 row 1: [−2·1 + 0.5·2 + 0.25, −2·(−1) + 0.5·0.5 − 1] = [−0.75, 1.25].
    // y = x + f(x): row 0 [6.25, 1], row 1 [−2.75, 1.75].
    expect(residual.forward(x, INFERENCE_PASS).toRows()).toEqual([
      [6.25, 1],
      [-2.75, 1.75],
    ]);
    const delta = Matrix.fromRows([
      [1, -2],
      [0.5, 4],
    ]);
    // f.backward(s) = s·Wᵀ with Wᵀ = [[1, 2], [−1, 0.5]]. Row 0: [1·1 + (−2)(−1), 1·2 + (−2)(0.5)] = [3, 1];
    //                                                     row 1: [0.5·1 + 4·(−1), 0.5·2 + 4·0.5] = [−3.5, 3].
    // ∂J/∂x = s + s·Wᵀ: row 0 [4, −1], row 1 [−3, 7].
    expect(residual.backward(delta).toRows()).toEqual([
      [4, -1],
      [-3, 7],
    ]);
    // The identity path has no parameters: ∂J/∂W = xᵀ·s and ∂J/∂b = 1ᵀ·s, as for the dense layer alone.
    // xᵀ = [[1, −2], [2, 0.5]]:
    // ∂J/∂W = [[1·1 + (−2)(0.5), 1·(−2) + (−2)·4], [2·1 + 0.5·0.5, 2·(−2) + 0.5·4]] = [[0, −10], [2.25, −2]].
    expect(dense.weights.grad.toRows()).toEqual([
      [0, -10],
      [2.25, -2],
    ]);
    expect(dense.bias.grad.toRows()).toEqual([[1.5, 2]]);
  });

  it('differentiates through a tanh body: ∂J/∂x = s ⊙ (1 + (1 − tanh²(x)))', () => {
    const residual = new ResidualLayer(3, [new TanhLayer(3)]);
    const x = Matrix.fromRows([[0, 0.5, -2]]);
    const y = residual.forward(x, INFERENCE_PASS).clone();
    expect(Array.from(y.data)).toEqual([0 + Math.tanh(0), 0.5 + Math.tanh(0.5), -2 + Math.tanh(-2)]);
    const g = residual.backward(Matrix.fromRows([[1, 2, -1]]));
    // At x = 0: 1 · (1 + 1) = 2 exactly; the others to round-off.
    expect(g.data[0]).toBe(2);
    expect(g.data[1]).toBeCloseTo(2 * (2 - Math.tanh(0.5) ** 2), 14);
    expect(g.data[2]).toBeCloseTo(-1 * (2 - Math.tanh(-2) ** 2), 14);
  });

  it('leaves from backwardParameters the parameter gradients of backward, without touching ∂J/∂x', () => {
    const dense = knownDense();
    const residual = new ResidualLayer(2, [dense]);
    residual.forward(
      Matrix.fromRows([
        [1, 2],
        [-2, 0.5],
      ]),
      INFERENCE_PASS,
    );
    residual.backwardParameters(
      Matrix.fromRows([
        [1, -2],
        [0.5, 4],
      ]),
    );
    expect(dense.weights.grad.toRows()).toEqual([
      [0, -10],
      [2.25, -2],
    ]); // as in the hand-worked case
    expect(dense.bias.grad.toRows()).toEqual([[1.5, 2]]);
  });

  it('lists its body as children and holds no parameters itself', () => {
    const dense = knownDense();
    const tanh = new TanhLayer(2);
    const residual = new ResidualLayer(2, [dense, tanh]);
    expect(residual.parameters()).toEqual([]);
    expect(residual.children()).toEqual([
      { name: 'body[0]', layer: dense },
      { name: 'body[1]', layer: tanh },
    ]);
    // It declares nothing itself: the tree walk reads its children's declarations.
    const asLayer: Layer = residual;
    expect(asLayer.stochastic).toBeUndefined();
    expect(asLayer.couplesSamples).toBeUndefined();
  });

  it('rejects a body that changes the size, an empty body, and bad shapes', () => {
    expect(() => new ResidualLayer(2, [new DenseLayer(2, 3)])).toThrow(
      'residual: body maps 2 columns to 3; y = x + f(x) needs the same size',
    );
    expect(() => new ResidualLayer(2, [], undefined, 'residual at layers[4]')).toThrow(
      'residual at layers[4]: body must hold at least one layer',
    );
    expect(() => new ResidualLayer(2, [new DenseLayer(3, 2)])).toThrow(
      'residual: body[0] (dense) takes 3 columns but the input has 2',
    );
    const residual = new ResidualLayer(2, [knownDense()]);
    expect(() => residual.backward(Matrix.zeros(1, 2))).toThrow('residual: backward called before forward');
    expect(() => residual.forward(Matrix.zeros(1, 3), INFERENCE_PASS)).toThrow(
      'residual: input has 3 columns, expected 2',
    );
    residual.forward(Matrix.zeros(4, 2), INFERENCE_PASS);
    expect(() => residual.backward(Matrix.zeros(4, 3))).toThrow('residual: sensitivity is 4×3, expected 4×2');
  });
});
