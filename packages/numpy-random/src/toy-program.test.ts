import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { NumpyRandomState } from './numpy-random-state.js';

function matrix(random: NumpyRandomState, rows: number, cols: number, scale: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * random.normal()));
}

describe("the reference program's toy experiment, draw for draw", () => {
  it('reproduces W1, W2, X, y and the minibatches of np.random.seed(0) / np.random.seed(1)', () => {
    const expected = numpyReference.toyProgram;
    const model = new NumpyRandomState(0); // np.random.seed(0)
    expect(matrix(model, 4, 20, 0.1)).toEqual(expected.W1); // W1 = 0.1 * randn(4, 20)
    expect(matrix(model, 20, 3, 0.1)).toEqual(expected.W2); // W2 = 0.1 * randn(20, 3)

    const data = new NumpyRandomState(1); // np.random.seed(1)
    expect(matrix(data, 30, 4, 10)).toEqual(expected.X); // X = 10 * randn(30, 4)
    // (3 * rand(30)).astype(int)
    expect(Array.from({ length: 30 }, () => Math.trunc(3 * data.uniform()))).toEqual(expected.y);
    const batch = new Int32Array(15);
    // choice(30, 15, replace=False)
    for (const indices of expected.batches) expect(Array.from(data.sample(30, batch))).toEqual(indices);
  });
});
