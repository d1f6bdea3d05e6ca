import {
  buildNetwork,
  createContainer,
  type LossSpec,
  Matrix,
  oneHot,
  type RandomSource,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { assertGradientsMatch, checkLossGradients, randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { describe, expect, it } from 'vitest';
import { SoftmaxCrossEntropyLoss, softmaxCrossEntropyModule } from './softmax-cross-entropy-loss.js';

/** Rows that are probability distributions: the softmax of random logits. */
function randomDistributions(rows: number, cols: number, random: RandomSource): Matrix {
  const matrix = randomMatrix(rows, cols, random, 2);
  for (let n = 0; n < rows; n++) {
    let sum = 0;
    for (let k = 0; k < cols; k++) sum += matrix.data[n * cols + k] = Math.exp(matrix.data[n * cols + k]);
    for (let k = 0; k < cols; k++) matrix.data[n * cols + k] /= sum;
  }
  return matrix;
}

/** J and ∂J/∂z for one row of logits and targets. */
function lossAndGradient(logits: number[], target: number[]): { loss: number; gradient: number[] } {
  const loss = new SoftmaxCrossEntropyLoss(logits.length);
  const value = loss.forward(Matrix.fromRows([logits]), Matrix.fromRows([target]));
  return { loss: value, gradient: loss.backward().toRows()[0] };
}

/** 30 points around three centres, (2, 0), (−1, 1.7) and (−1, −1.7), with noise 0.3: linearly separable. */
function threeClusters(random: SeededRandom): { inputs: Matrix; labels: number[] } {
  const centres = [
    [2, 0],
    [-1, 1.7],
    [-1, -1.7],
  ];
  const inputs = randomMatrix(30, 2, random, 0.3);
  const labels = Array.from({ length: 30 }, (_, n) => n % 3);
  labels.forEach((label, n) => centres[label].forEach((c, j) => inputs.set(n, j, inputs.get(n, j) + c)));
  return { inputs, labels };
}

describe('SoftmaxCrossEntropyLoss', () => {
  it.each([
    [1, 1],
    [1, 2],
    [1, 5],
    [15, 3],
    [6, 10],
  ])('matches central differences with one-hot and soft targets (batch %i, %i classes)', (batch, size) => {
    const random = new SeededRandom(batch + 19 * size);
    const logits = randomMatrix(batch, size, random, 3);
    const labels = Int32Array.from({ length: batch }, () => random.integer(size));
    const loss = new SoftmaxCrossEntropyLoss(size);
    // J reaches ≈ 6 here, so at the default step 1e-6 its round-off (≈ 1e-15 · J / 2h ≈ 1e-9) exceeds the tolerance
    // on gradient elements of 1e-4; with step 1e-4 the truncation error (O(h²)) is ≈ 1e-11.
    const options = { step: 1e-4 };
    assertGradientsMatch('softmax-cross-entropy, one-hot', [
      checkLossGradients(loss, logits, oneHot(labels, size), options),
    ]);
    assertGradientsMatch('softmax-cross-entropy, soft', [
      checkLossGradients(loss, logits, randomDistributions(batch, size, random), options),
    ]);
  });

  it('computes J = −(1/N) Σ t log p and ∂J/∂z = (p − t)/N on a hand-worked case', () => {
    const loss = new SoftmaxCrossEntropyLoss(2);
    const z = Matrix.fromRows([
      [0, Math.log(3)], // e^z = [1, 3]: p = [1/4, 3/4]
      [Math.log(2), Math.log(2)], // e^z = [2, 2]: p = [1/2, 1/2]
    ]);
    const t = Matrix.fromRows([
      [0, 1],
      [1, 0],
    ]);
    // sample 0: −log(3/4) = log(4/3); sample 1: −log(1/2) = log 2; mean = (log(4/3) + log 2) / 2 = log(8/3) / 2
    expect(loss.forward(z, t)).toBeCloseTo(Math.log(8 / 3) / 2, 15);
    // (p − t)/N: sample 0: [1/4 − 0, 3/4 − 1] / 2 = [0.125, −0.125]; sample 1: [1/2 − 1, 1/2 − 0] / 2 = [−0.25, 0.25]
    const gradient = loss.backward().toRows();
    [
      [0.125, -0.125],
      [-0.25, 0.25],
    ].forEach((row, n) => row.forEach((expected, k) => expect(gradient[n][k]).toBeCloseTo(expected, 15)));
  });

  it('gives J = entropy of t and a zero gradient for soft targets equal to p', () => {
    // z = [0, log 3]: p = [1/4, 3/4] = t, so J = −(¼ log ¼ + ¾ log ¾) and p − t = 0
    const { loss, gradient } = lossAndGradient([0, Math.log(3)], [0.25, 0.75]);
    expect(loss).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 15);
    gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-15));
  });

  it('is exact and finite for logits of ±1000', () => {
    // z = [1000, 0], t = [1, 0]: J = log(1 + e^−1000) = 0 in float64; p = [1, e^−1000] = [1, 0], so p − t = [0, 0]
    expect(lossAndGradient([1000, 0], [1, 0])).toEqual({ loss: 0, gradient: [0, 0] });
    // z = [0, 1000], t = [1, 0]: J = −(0 − 1000 − log(1 + e^−1000)) = 1000; p = [0, 1], so p − t = [−1, 1]
    expect(lossAndGradient([0, 1000], [1, 0])).toEqual({ loss: 1000, gradient: [-1, 1] });
    // z = [−1000, −1000], t = [1, 0]: p = [½, ½], J = log 2
    const tied = lossAndGradient([-1000, -1000], [1, 0]);
    expect(tied.loss).toBeCloseTo(Math.LN2, 15);
    expect(tied.gradient).toEqual([-0.5, 0.5]);
    // z = [1000, −1000], t = [1, 0]: p_1 = e^−2000 underflows to 0 where t_1 = 0, which adds 0 · 2000 = 0, not NaN
    expect(lossAndGradient([1000, -1000], [1, 0])).toEqual({ loss: 0, gradient: [0, 0] });
    // z = [−1000, 1000, 0], t = [0, 0, 1]: J = −log p_2 = 1000 + log(1 + e^−1000 + e^−2000) = 1000
    expect(lossAndGradient([-1000, 1000, 0], [0, 0, 1])).toEqual({ loss: 1000, gradient: [0, 1, -1] });
  });

  it('gives J = 0 and a zero gradient for logits [1e308, −1e308] with target 0, whose difference overflows', () => {
    expect(lossAndGradient([1e308, -1e308], [1, 0])).toEqual({ loss: 0, gradient: [0, 0] });
    expect(lossAndGradient([-1e308, 1e308], [0, 1])).toEqual({ loss: 0, gradient: [0, 0] });
    // on the smallest logit the loss really is beyond float64: Infinity, which the trainer reports as divergence
    expect(lossAndGradient([1e308, -1e308], [0, 1])).toEqual({ loss: Infinity, gradient: [1, -1] });
    expect(lossAndGradient([NaN, 0], [1, 0]).loss).toBeNaN();
  });

  it('keeps full precision for a confident correct prediction', () => {
    // z = [40, 0], t = [1, 0]: J = log(1 + e^−40) ≈ e^−40 ≈ 4.25e−18, which 1 + e^−40 = 1 would round to 0
    expect(lossAndGradient([40, 0], [1, 0]).loss).toBeCloseTo(Math.exp(-40), 30);
    expect(lossAndGradient([40, 0], [1, 0]).loss / Math.exp(-40)).toBeCloseTo(1, 14);
  });

  it('does not change when a constant is added to a row of logits', () => {
    const random = new SeededRandom(5);
    const z = randomMatrix(4, 3, random);
    const t = randomDistributions(4, 3, random);
    const loss = new SoftmaxCrossEntropyLoss(3);
    const before = loss.forward(z, t);
    const gradientBefore = loss.backward().toRows();
    const shifted = new Matrix(
      4,
      3,
      z.data.map((value, i) => value + [500, -500, 7, 0][Math.floor(i / 3)]),
    );
    expect(loss.forward(shifted, t)).toBeCloseTo(before, 12);
    loss
      .backward()
      .toRows()
      .forEach((row, n) => row.forEach((g, k) => expect(g).toBeCloseTo(gradientBefore[n][k], 12)));
  });

  it('rejects a bad size, mismatched shapes, targets that are not distributions and a backward before forward', () => {
    expect(() => new SoftmaxCrossEntropyLoss(0)).toThrow(
      'SoftmaxCrossEntropy: size must be a positive integer, got number 0',
    );
    const loss = new SoftmaxCrossEntropyLoss(3);
    expect(() => loss.backward()).toThrow('SoftmaxCrossEntropy(3): backward called before forward');
    expect(() => loss.forward(Matrix.zeros(2, 3), Matrix.zeros(3, 3))).toThrow(
      'SoftmaxCrossEntropy(3): logits are 2×3 and target 3×3; expected both N×3',
    );
    expect(() => loss.forward(Matrix.zeros(2, 2), Matrix.zeros(2, 2))).toThrow(
      'SoftmaxCrossEntropy(3): logits are 2×2 and target 2×2; expected both N×3',
    );
    const expected = 'expected each row to be a probability distribution (values ≥ 0 summing to 1, e.g. one-hot)';
    const z = Matrix.zeros(2, 3);
    expect(() =>
      loss.forward(
        z,
        Matrix.fromRows([
          [1, 0, 0],
          [0.5, 0, 0],
        ]),
      ),
    ).toThrow(`SoftmaxCrossEntropy(3): target row 1 sums to 0.5; ${expected}`);
    expect(() =>
      loss.forward(
        z,
        Matrix.fromRows([
          [1, 0, 0],
          [1.5, -0.5, 0],
        ]),
      ),
    ).toThrow(`SoftmaxCrossEntropy(3): target row 1, column 1 is -0.5; ${expected}`);
    expect(() => loss.backward()).toThrow('backward called before forward');
  });
});

describe('softmaxCrossEntropyRegistration', () => {
  const container = createContainer(denseModule, softmaxCrossEntropyModule, seededRandomModule(0));
  const spec = (loss: LossSpec) => ({ inputSize: 2, layers: [{ kind: 'dense', units: 3 }], loss });

  it("builds a SoftmaxCrossEntropyLoss for the loss kind 'softmax-cross-entropy' with the last layer's size", () => {
    const network = buildNetwork(container, spec({ kind: 'softmax-cross-entropy' }));
    expect(network.loss).toBeInstanceOf(SoftmaxCrossEntropyLoss);
    expect(network.loss.size).toBe(3);
  });

  it('rejects an unknown option', () => {
    expect(() => buildNetwork(container, spec({ kind: 'softmax-cross-entropy', reduction: 'sum' }))).toThrow(
      "softmax-cross-entropy at loss: unknown option 'reduction'; it takes no options",
    );
  });

  it('trains dense → softmax-cross-entropy on a separable problem to accuracy 1', () => {
    const network = buildNetwork(container, spec({ kind: 'softmax-cross-entropy' }));
    const { inputs, labels } = threeClusters(new SeededRandom(4));
    const history = train(network, inputs, labels, { learningRate: 0.5, iterations: 300, batchSize: 30, seed: 1 });
    expect(history.loss[0]).toBeGreaterThan(0.5);
    expect(history.loss.at(-1)).toBeLessThan(0.1);
    expect(history.accuracy.at(-1)).toBe(1);
    expect(network.predict(inputs)).toEqual(labels);
  });
});
