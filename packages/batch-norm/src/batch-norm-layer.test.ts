import { type ForwardPass, jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { builtinInitializers, createLayerContext, INFERENCE_PASS, refusingRandom, Registry } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { BatchNormLayer, batchNormRegistration } from './batch-norm-layer.js';

/** A training pass: batch normalization draws nothing, so its source refuses every draw. */
const TRAINING: ForwardPass = { phase: 'training', random: refusingRandom('batch-norm must not draw') };

/** The registration's layer at `layers[1]`, created as the network builder would. */
function create(
  config: Record<string, unknown>,
  inputSize = 2,
  options: { restoring?: boolean; kernels?: Kernels } = {},
): BatchNormLayer {
  const services = {
    kernels: options.kernels ?? jsKernels,
    random: refusingRandom('creating a batch-norm layer must not draw'),
    initializers: new Registry('initializer', builtinInitializers),
    restoring: options.restoring ?? false,
  };
  const layer = batchNormRegistration.create(
    { kind: 'batch-norm', ...config },
    createLayerContext(services, inputSize, 'layers[1]'),
  );
  expect(layer).toBeInstanceOf(BatchNormLayer);
  return layer as BatchNormLayer;
}

/** Every element of `actual` within `tolerance` · `scale` of `expected`; the scale defaults to max |expected|. */
function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  what: string,
  scale = maxAbs(expected),
): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance * scale))
      expect.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (within ${tolerance * scale})`);
  }
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/**
 * Batch normalization in training written independently of the layer, on plain arrays: the forward pass, then the
 * backward pass by the chain rule through μ and σ² element by element, without the simplified formula:
 *   ∂J/∂x̂_n = δ_n γ
 *   ∂J/∂σ² = Σ_n ∂J/∂x̂_n · (x_n − μ) · (−½)(σ² + ε)^(−3/2)
 *   ∂J/∂μ = Σ_n ∂J/∂x̂_n · (−1/√(σ² + ε)) + ∂J/∂σ² · Σ_n (−2 (x_n − μ))/N
 *   ∂J/∂x_n = ∂J/∂x̂_n/√(σ² + ε) + ∂J/∂σ² · 2 (x_n − μ)/N + ∂J/∂μ/N
 * Also returns the size of the terms ∂J/∂x is summed from, max |δ γ|/√(σ² + ε): they cancel (for N = 2 almost
 * entirely, ∂J/∂x being of the order of ε), so round-off is relative to them, not to the result.
 */
function referenceTraining(x: number[][], delta: number[][], gamma: number[], beta: number[], epsilon: number) {
  const N = x.length;
  const d = x[0].length;
  const y = x.map(() => new Array<number>(d).fill(0));
  const dx = x.map(() => new Array<number>(d).fill(0));
  const dGamma = new Array<number>(d).fill(0);
  const dBeta = new Array<number>(d).fill(0);
  let termScale = 0;
  for (let j = 0; j < d; j++) {
    const column = x.map((row) => row[j]);
    const mu = column.reduce((sum, value) => sum + value, 0) / N;
    const variance = column.reduce((sum, value) => sum + (value - mu) ** 2, 0) / N;
    const root = Math.sqrt(variance + epsilon);
    const xHat = column.map((value) => (value - mu) / root);
    xHat.forEach((value, n) => (y[n][j] = gamma[j] * value + beta[j]));
    const dxHat = delta.map((row) => row[j] * gamma[j]);
    termScale = Math.max(termScale, maxAbs(dxHat) / root);
    let dVariance = 0;
    for (let n = 0; n < N; n++) dVariance += dxHat[n] * (column[n] - mu) * -0.5 * (variance + epsilon) ** -1.5;
    let dMu = 0;
    for (let n = 0; n < N; n++) dMu += dxHat[n] * (-1 / root);
    let centredSum = 0;
    for (let n = 0; n < N; n++) centredSum += -2 * (column[n] - mu);
    dMu += (dVariance * centredSum) / N;
    for (let n = 0; n < N; n++) {
      dx[n][j] = dxHat[n] / root + (dVariance * 2 * (column[n] - mu)) / N + dMu / N;
      dGamma[j] += delta[n][j] * xHat[n];
      dBeta[j] += delta[n][j];
    }
  }
  return { y, dx, dGamma, dBeta, termScale };
}

describe('BatchNormLayer in training', () => {
  it('normalizes, scales and shifts a hand-worked 3 × 2 batch, and differentiates it', () => {
    const layer = create({ epsilon: 0.5 });
    layer.scale.value.data.set([2, -1]);
    layer.shift.value.data.set([0.5, 1]);
    const x = Matrix.fromRows([
      [1, -1.5],
      [2.5, 1.5],
      [2.5, 3],
    ]);
    // Feature 0: μ = (1 + 2.5 + 2.5)/3 = 2; σ² = (1 + 0.25 + 0.25)/3 = 0.5; √(σ² + ε) = √1 = 1; x̂ = [−1, 0.5, 0.5].
    // Feature 1: μ = (−1.5 + 1.5 + 3)/3 = 1; σ² = (6.25 + 0.25 + 4)/3 = 3.5; √(3.5 + 0.5) = 2; x̂ = [−1.25, 0.25, 1].
    // y = γ x̂ + β: feature 0: 2x̂ + 0.5 = [−1.5, 1.5, 1.5]; feature 1: −x̂ + 1 = [2.25, 0.75, 0].
    expect(layer.forward(x, TRAINING).toRows()).toEqual([
      [-1.5, 2.25],
      [1.5, 0.75],
      [1.5, 0],
    ]);
    const delta = Matrix.fromRows([
      [1, 0],
      [0, 2],
      [-1, 1],
    ]);
    // Feature 0: g = δγ = [2, 0, −2], mean g = 0; g x̂ = [−2, 0, −1], mean −1;
    //   ∂J/∂x = (g − 0 − x̂ · (−1))/1 = g + x̂ = [1, 0.5, −1.5].
    // Feature 1: g = [0, −2, −1], mean −1; g x̂ = [0, −0.5, −1], mean −0.5;
    //   ∂J/∂x = (g + 1 + 0.5 x̂)/2 = [(0 + 1 − 0.625)/2, (−2 + 1 + 0.125)/2, (−1 + 1 + 0.5)/2]
    //         = [0.1875, −0.4375, 0.25].
    expect(layer.backward(delta).toRows()).toEqual([
      [1, 0.1875],
      [0.5, -0.4375],
      [-1.5, 0.25],
    ]);
    // ∂J/∂γ = Σ δ x̂: feature 0: −1 + 0 − 0.5 = −1.5; feature 1: 0 + 0.5 + 1 = 1.5. ∂J/∂β = Σ δ = [0, 3].
    expect(Array.from(layer.scale.grad.data)).toEqual([-1.5, 1.5]);
    expect(Array.from(layer.shift.grad.data)).toEqual([0, 3]);
    // Running statistics, momentum 0.9, unbiased variance σ² · 3/2 = [0.75, 5.25]:
    //   mean 0.9 · 0 + 0.1 · [2, 1] = [0.2, 0.1]; variance 0.9 · 1 + 0.1 · [0.75, 5.25] = [0.975, 1.425].
    expectClose(layer.runningMean.value.data, [0.2, 0.1], 1e-15, 'running mean');
    expectClose(layer.runningVariance.value.data, [0.975, 1.425], 1e-15, 'running variance');
  });

  it.each([
    [2, 1],
    [3, 2],
    [7, 3],
    [16, 5],
  ])('agrees to 1e-12 with the chain rule through μ and σ², N = %i, d = %i', (N, d) => {
    const random = new SeededRandom(100 * N + d);
    for (const epsilon of [1e-5, 0.3]) {
      const layer = new BatchNormLayer(d, { epsilon });
      const x = randomMatrix(N, d, random, 2);
      for (let i = 0; i < x.data.length; i++) x.data[i] += (i % d) - 1; // a different offset per feature
      const delta = randomMatrix(N, d, random);
      layer.scale.value.data.set(randomMatrix(1, d, random).data);
      layer.shift.value.data.set(randomMatrix(1, d, random).data);
      const reference = referenceTraining(
        x.toRows(),
        delta.toRows(),
        Array.from(layer.scale.value.data),
        Array.from(layer.shift.value.data),
        epsilon,
      );
      expectClose(layer.forward(x, TRAINING).data, reference.y.flat(), 1e-12, 'y');
      expectClose(layer.backward(delta).data, reference.dx.flat(), 1e-12, '∂J/∂x', reference.termScale);
      expectClose(layer.scale.grad.data, reference.dGamma, 1e-12, '∂J/∂γ');
      expectClose(layer.shift.grad.data, reference.dBeta, 1e-12, '∂J/∂β');
    }
  });

  it('moves the running statistics as the formula says over two batches (unbiased variance)', () => {
    for (const momentum of [undefined, 0.5]) {
      const m = momentum ?? 0.9;
      const layer = create(momentum === undefined ? {} : { momentum }, 3);
      const random = new SeededRandom(31);
      const batches = [randomMatrix(4, 3, random, 3), randomMatrix(6, 3, random, 0.5)];
      let expectedMean = [0, 0, 0];
      let expectedVariance = [1, 1, 1];
      for (const batch of batches) {
        layer.forward(batch, TRAINING);
        const rows = batch.toRows();
        const mean = [0, 1, 2].map((j) => rows.reduce((sum, row) => sum + row[j], 0) / rows.length);
        const unbiased = [0, 1, 2].map(
          (j) => rows.reduce((sum, row) => sum + (row[j] - mean[j]) ** 2, 0) / (rows.length - 1),
        );
        expectedMean = expectedMean.map((value, j) => m * value + (1 - m) * mean[j]);
        expectedVariance = expectedVariance.map((value, j) => m * value + (1 - m) * unbiased[j]);
      }
      expectClose(layer.runningMean.value.data, expectedMean, 1e-14, `running mean, momentum ${m}`);
      expectClose(layer.runningVariance.value.data, expectedVariance, 1e-14, `running variance, momentum ${m}`);
    }
  });

  it('throws on a training batch of one sample and changes nothing: state, last output, last backward', () => {
    const layer = create({}, 2);
    const random = new SeededRandom(4);
    const y = layer.forward(randomMatrix(3, 2, random), TRAINING);
    const delta = randomMatrix(3, 2, random);
    const outputBefore = y.data.slice();
    const inputGradientBefore = layer.backward(delta).data.slice();
    const stateBefore = layer.state().map((state) => state.value.data.slice());
    expect(() => layer.forward(Matrix.fromRows([[1, 2]]), TRAINING)).toThrow(
      'batch-norm at layers[1]: training needs at least 2 samples per batch to estimate the variance, got 1',
    );
    expect(() => layer.forward(Matrix.zeros(0, 2), TRAINING)).toThrow('to estimate the variance, got 0');
    expect(y.data).toEqual(outputBefore);
    layer.state().forEach((state, k) => expect(state.value.data).toEqual(stateBefore[k]));
    expect(layer.backward(delta).data).toEqual(inputGradientBefore); // backward still refers to the 3-sample forward
  });
});

describe('BatchNormLayer in inference', () => {
  /** A layer whose running statistics have moved through two training batches, and γ, β set away from 1 and 0. */
  function trained(): BatchNormLayer {
    const layer = create({ momentum: 0.5, epsilon: 1e-3 }, 3);
    const random = new SeededRandom(9);
    layer.forward(randomMatrix(5, 3, random, 2), TRAINING);
    layer.forward(randomMatrix(4, 3, random, 3), TRAINING);
    layer.scale.value.data.set([1.5, -0.5, 2]);
    layer.shift.value.data.set([0.25, 1, -3]);
    return layer;
  }

  it('normalizes by the running statistics, row by row, a batch of one included, and changes no state', () => {
    const layer = trained();
    const [mean, variance] = layer.state().map((state) => Array.from(state.value.data));
    expect(mean.some((value) => Math.abs(value) > 0.05) && variance.some((value) => Math.abs(value - 1) > 0.05)).toBe(
      true,
    );
    const gamma = [1.5, -0.5, 2];
    const beta = [0.25, 1, -3];
    const x = randomMatrix(4, 3, new SeededRandom(10));
    const expected = x
      .toRows()
      .map((row) => row.map((value, j) => (gamma[j] * (value - mean[j])) / Math.sqrt(variance[j] + 1e-3) + beta[j]));
    const before = layer.state().map((state) => state.value.data.slice());
    const y = layer.forward(x, INFERENCE_PASS).clone();
    expectClose(y.data, expected.flat(), 1e-15, 'y in inference');
    layer.state().forEach((state, k) => expect(state.value.data).toEqual(before[k]));
    for (let n = 0; n < x.rows; n++) {
      const single = layer.forward(new Matrix(1, 3, x.row(n).slice()), INFERENCE_PASS);
      expect(Array.from(single.data)).toEqual(Array.from(y.row(n)));
    }
    layer.state().forEach((state, k) => expect(state.value.data).toEqual(before[k]));
  });

  it('differentiates with the running statistics held constant: ∂J/∂x = δγ/√(running variance + ε)', () => {
    const layer = trained();
    const [mean, variance] = layer.state().map((state) => Array.from(state.value.data));
    const gamma = [1.5, -0.5, 2];
    const x = randomMatrix(3, 3, new SeededRandom(12));
    const delta = randomMatrix(3, 3, new SeededRandom(13));
    layer.forward(x, INFERENCE_PASS);
    const dx = layer.backward(delta);
    const root = variance.map((v) => Math.sqrt(v + 1e-3));
    expectClose(
      dx.data,
      delta.toRows().flatMap((row) => row.map((value, j) => (value * gamma[j]) / root[j])),
      1e-15,
      '∂J/∂x in inference',
    );
    const xHat = x.toRows().map((row) => row.map((value, j) => (value - mean[j]) / root[j]));
    const dGamma = [0, 1, 2].map((j) => delta.toRows().reduce((sum, row, n) => sum + row[j] * xHat[n][j], 0));
    const dBeta = [0, 1, 2].map((j) => delta.toRows().reduce((sum, row) => sum + row[j], 0));
    expectClose(layer.scale.grad.data, dGamma, 1e-14, '∂J/∂γ in inference');
    expectClose(layer.shift.grad.data, dBeta, 1e-14, '∂J/∂β in inference');
  });
});

describe('batch-norm options and errors', () => {
  it(
    'defaults to momentum 0.9 and ε = 1e-5, ' + 'starts at γ = 1, β = 0, running mean 0 and variance 1, draws nothing',
    () => {
      for (const restoring of [false, true]) {
        const layer = create({}, 3, { restoring });
        expect([
          layer.kind,
          layer.momentum,
          layer.epsilon,
          layer.inputSize,
          layer.outputSize,
          layer.couplesSamples,
        ]).toEqual(['batch-norm', 0.9, 1e-5, 3, 3, true]);
        expect('stochastic' in layer).toBe(false);
        expect(layer.parameters().map((p) => [p.name, Array.from(p.value.data), Array.from(p.grad.data)])).toEqual([
          ['scale', [1, 1, 1], [0, 0, 0]],
          ['shift', [0, 0, 0], [0, 0, 0]],
        ]);
        expect(layer.state().map((s) => [s.name, s.value.shape, Array.from(s.value.data)])).toEqual([
          ['runningMean', '1×3', [0, 0, 0]],
          ['runningVariance', '1×3', [1, 1, 1]],
        ]);
      }
      const custom = create({ momentum: 0, epsilon: 1e-3 });
      expect([custom.momentum, custom.epsilon]).toEqual([0, 1e-3]);
    },
  );

  it.each([
    [1, 'got 1'],
    [-0.1, 'got -0.1'],
    [Number.NaN, 'got NaN'],
    ['0.9', 'got the string "0.9"'],
    [null, 'got null'],
  ])('rejects momentum %s', (momentum, got) => {
    expect(() => create({ momentum })).toThrow(`batch-norm at layers[1]: momentum must be in [0, 1), ${got}`);
  });

  it.each([
    [0, 'got 0'],
    [-1e-5, 'got -0.00001'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    [Number.NaN, 'got NaN'],
    ['1e-5', 'got the string "1e-5"'],
  ])('rejects epsilon %s', (epsilon, got) => {
    expect(() => create({ epsilon })).toThrow(`batch-norm at layers[1]: epsilon must be a finite number > 0, ${got}`);
  });

  it(
    'rejects unknown options, a wrong input, ' + 'a backward before any forward and a sensitivity of the wrong shape',
    () => {
      expect(() => create({ eps: 1e-3 })).toThrow(
        "batch-norm at layers[1]: unknown option 'eps'; expected one of: momentum, epsilon",
      );
      const layer = create({}, 2);
      expect(() => layer.backward(Matrix.zeros(2, 2))).toThrow(
        'batch-norm at layers[1]: backward called before forward',
      );
      expect(() => layer.forward(Matrix.zeros(2, 3), TRAINING)).toThrow(
        'batch-norm at layers[1]: input has 3 columns, expected 2',
      );
      layer.forward(
        Matrix.fromRows([
          [1, 2],
          [3, 5],
        ]),
        TRAINING,
      );
      expect(() => layer.backward(Matrix.zeros(3, 2))).toThrow(
        'batch-norm at layers[1]: sensitivity is 3×2, expected 2×2',
      );
      expect(() => layer.backwardParameters(Matrix.zeros(2, 1))).toThrow(
        'batch-norm at layers[1]: sensitivity is 2×1, expected 2×2',
      );
      expect(() => new BatchNormLayer(0)).toThrow('batch-norm(0): input size must be a positive integer, got number 0');
    },
  );
});
