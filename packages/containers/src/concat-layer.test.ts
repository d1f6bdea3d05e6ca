import { Matrix } from '@bpnet/core';
import { INFERENCE_PASS } from '@bpnet/core/plugin';
import { DenseLayer } from '@bpnet/dense';
import { TanhLayer } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { ConcatLayer } from './concat-layer.js';

/** Branch A: 2 → 1 with W_A = [[1], [−1]], b_A = [1]. Branch B: 2 → 2 with W_B = [[2, 0], [1, 3]], b_B = [0, −1]. */
function knownBranches(): [DenseLayer, DenseLayer] {
  const a = new DenseLayer(2, 1);
  a.weights.value.data.set([1, -1]);
  a.bias.value.data.set([1]);
  const b = new DenseLayer(2, 2);
  b.weights.value.data.set([2, 0, 1, 3]);
  b.bias.value.data.set([0, -1]);
  return [a, b];
}

const x = Matrix.fromRows([
  [1, 2],
  [3, -1],
]);
const delta = Matrix.fromRows([
  [1, 0, 2],
  [-1, 1, 0],
]);

describe('ConcatLayer', () => {
  it('joins two dense branches by columns and sums their input sensitivities, on a hand-worked case', () => {
    const [a, b] = knownBranches();
    const concat = new ConcatLayer(2, [[a], [b]]);
    expect(concat.outputSize).toBe(3);
    // f_A(x): row 0 1·1 + 2·(−1) + 1 = 0; row 1 3·1 + (−1)(−1) + 1 = 5.
    // f_B(x): row 0 [1·2 + 2·1 + 0, 1·0 + 2·3 − 1] = [4, 5]; row 1 [3·2 + (−1)·1, 3·0 + (−1)·3 − 1] = [5, −4].
    expect(concat.forward(x, INFERENCE_PASS).toRows()).toEqual([
      [0, 4, 5],
      [5, 5, -4],
    ]);
    // s splits into s_A = [[1], [−1]] (column 0) and s_B = [[0, 2], [1, 0]] (columns 1–2).
    // f_A.backward(s_A) = s_A·W_Aᵀ = [[1, −1], [−1, 1]]; f_B.backward(s_B) = s_B·W_Bᵀ, W_Bᵀ = [[2, 1], [0, 3]]:
    //   row 0 [0·2 + 2·0, 0·1 + 2·3] = [0, 6]; row 1 [1·2 + 0, 1·1 + 0] = [2, 1].
    // ∂J/∂x = sum: [[1, 5], [1, 2]].
    expect(concat.backward(delta).toRows()).toEqual([
      [1, 5],
      [1, 2],
    ]);
    // xᵀ = [[1, 3], [2, −1]]. ∂J/∂W_A = xᵀ·s_A = [[1 − 3], [2 + 1]] = [[−2], [3]]; ∂J/∂b_A = 1 − 1 = 0.
    expect(a.weights.grad.toRows()).toEqual([[-2], [3]]);
    expect(a.bias.grad.toRows()).toEqual([[0]]);
    // ∂J/∂W_B = xᵀ·s_B = [[1·0 + 3·1, 1·2 + 3·0], [2·0 + (−1)·1, 2·2 + (−1)·0]] = [[3, 2], [−1, 4]]; ∂J/∂b_B = [1, 2].
    expect(b.weights.grad.toRows()).toEqual([
      [3, 2],
      [-1, 4],
    ]);
    expect(b.bias.grad.toRows()).toEqual([[1, 2]]);
  });

  it('passes x through an empty branch: y = [x | f(x)], ∂J/∂x = s_x + f.backward(s_f)', () => {
    const [a] = knownBranches();
    const concat = new ConcatLayer(2, [[], [a]]);
    expect(concat.forward(x, INFERENCE_PASS).toRows()).toEqual([
      [1, 2, 0],
      [3, -1, 5],
    ]);
    // s_x = columns 0–1 of s = [[1, 0], [−1, 1]]; s_A = column 2 = [[2], [0]], s_A·W_Aᵀ = [[2, −2], [0, 0]].
    expect(concat.backward(delta).toRows()).toEqual([
      [3, -2],
      [-1, 1],
    ]);
    expect(a.weights.grad.toRows()).toEqual([[2], [4]]); // xᵀ·s_A = [[1·2 + 3·0], [2·2 + (−1)·0]]
  });

  it('leaves from backwardParameters the parameter gradients of backward', () => {
    const [a, b] = knownBranches();
    const concat = new ConcatLayer(2, [[a], [new TanhLayer(2), b]]);
    concat.forward(x, INFERENCE_PASS);
    concat.backward(delta);
    const expected = [a.weights, a.bias, b.weights, b.bias].map((p) => Array.from(p.grad.data));
    for (const p of [a.weights, a.bias, b.weights, b.bias]) p.grad.data.fill(0);
    concat.forward(x, INFERENCE_PASS);
    concat.backwardParameters(delta);
    expect([a.weights, a.bias, b.weights, b.bias].map((p) => Array.from(p.grad.data))).toEqual(expected);
  });

  it('names its children branches[b][i] and holds no parameters itself', () => {
    const [a, b] = knownBranches();
    const tanh = new TanhLayer(2);
    const concat = new ConcatLayer(2, [[tanh, a], [], [b]]);
    expect(concat.parameters()).toEqual([]);
    expect(concat.children()).toEqual([
      { name: 'branches[0][0]', layer: tanh },
      { name: 'branches[0][1]', layer: a },
      { name: 'branches[2][0]', layer: b },
    ]);
    expect(concat.outputSize).toBe(1 + 2 + 2);
  });

  it('rejects no branches, only empty branches, sizes that do not chain and bad shapes', () => {
    expect(() => new ConcatLayer(2, [])).toThrow('concat: branches must hold at least one branch');
    expect(() => new ConcatLayer(2, [[], []])).toThrow(
      'concat: every branch is empty; at least one branch must hold a layer (an empty branch passes x through)',
    );
    expect(() => new ConcatLayer(2, [[new TanhLayer(2)], [new DenseLayer(2, 3), new TanhLayer(2)]])).toThrow(
      'concat: branches[1][1] (tanh) takes 2 columns but branches[1][0] gives 3',
    );
    const concat = new ConcatLayer(
      2,
      knownBranches().map((layer) => [layer]),
    );
    expect(() => concat.backward(delta)).toThrow('concat: backward called before forward');
    expect(() => concat.forward(Matrix.zeros(2, 3), INFERENCE_PASS)).toThrow('concat: input has 3 columns, expected 2');
    concat.forward(x, INFERENCE_PASS);
    expect(() => concat.backward(Matrix.zeros(2, 2))).toThrow('concat: sensitivity is 2×2, expected 2×3');
    expect(() => concat.backwardParameters(Matrix.zeros(3, 3))).toThrow('concat: sensitivity is 3×3, expected 2×3');
  });
});
