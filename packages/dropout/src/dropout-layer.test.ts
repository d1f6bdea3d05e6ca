import { type ForwardPass, jsKernels, Matrix, type RandomSource, SeededRandom } from '@bpnet/core';
import { builtinInitializers, createLayerContext, INFERENCE_PASS, Registry } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { DropoutLayer, dropoutRegistration } from './dropout-layer.js';

/** A random source whose uniform draws are `values`, in order; any other draw, or one too many, throws. */
function scriptedRandom(values: readonly number[]): RandomSource & { readonly drawn: () => number } {
  let next = 0;
  const refuse = (): never => {
    throw new Error('scriptedRandom: only uniform draws are scripted');
  };
  return {
    uniform: () => {
      if (next >= values.length) throw new Error(`scriptedRandom: draw ${next + 1} of ${values.length}`);
      return values[next++];
    },
    normal: refuse,
    integer: refuse,
    shuffle: refuse,
    sample: refuse,
    drawn: () => next,
  };
}

/** A random source every draw of which throws, counting the attempts. */
function throwingRandom(): RandomSource & { attempts: number } {
  const source = {
    attempts: 0,
    uniform: () => refuse(),
    normal: () => refuse(),
    integer: () => refuse(),
    shuffle: () => refuse(),
    sample: () => refuse(),
  };
  const refuse = (): never => {
    source.attempts++;
    throw new Error('this pass must not draw');
  };
  return source;
}

const training = (random: RandomSource): ForwardPass => ({ phase: 'training', random });

/** The layer kind's registration, created at `layers[<index>]` with the JS kernels. */
function create(config: Record<string, unknown>, inputSize = 3, index = 2) {
  const services = {
    kernels: jsKernels,
    random: new SeededRandom(0),
    initializers: new Registry('initializer', builtinInitializers),
  };
  return dropoutRegistration.create(
    { kind: 'dropout', ...config },
    createLayerContext(services, inputSize, `layers[${index}]`),
  );
}

/** The bit patterns of `values`, so that 0 and −0 (and NaNs) are told apart. */
function bits(values: ArrayLike<number>): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(values as ArrayLike<number>).buffer));
}

describe('DropoutLayer in training', () => {
  it('drops where u < p and scales the rest by 1/(1 − p), on scripted draws', () => {
    const layer = new DropoutLayer(3, { rate: 0.5 });
    const x = Matrix.fromRows([
      [1, -2, 3],
      [4, 5, -6],
    ]);
    // Draws in row-major order: u = 0.1 < 0.5 drop; 0.7 keep; 0.5 = p keep (u ≥ p keeps); 0.4999 drop; 0.9 keep;
    // 0 drop. m = [0, 2, 2; 0, 2, 0]; y = x ⊙ m = [0, −4, 6; 0, 10, −0].
    const random = scriptedRandom([0.1, 0.7, 0.5, 0.4999, 0.9, 0]);
    const y = layer.forward(x, training(random));
    expect(random.drawn()).toBe(6);
    expect(bits(y.data)).toEqual(bits([0, -4, 6, 0, 10, -0])); // −6 · 0 is −0: y is x · m, literally
    const delta = Matrix.fromRows([
      [0.5, 1, -1],
      [2, -3, 7],
    ]);
    // s ⊙ m = [0, 2, −2; 0, −6, 0]
    expect(bits(layer.backward(delta).data)).toEqual(bits([0, 2, -2, 0, -6, 0]));
    expect(delta.toRows()).toEqual([
      [0.5, 1, -1],
      [2, -3, 7],
    ]);
  });

  it('keeps m = 1/(1 − p) for p = 0.2 (1.25) and everything for p = 0, still drawing once per element', () => {
    const x = Matrix.fromRows([[8, -4]]);
    const low = new DropoutLayer(2, { rate: 0.2 });
    // u = 0.19 < 0.2 drops, u = 0.2 keeps with 1/0.8 = 1.25: y = [0, −5]
    expect(low.forward(x, training(scriptedRandom([0.19, 0.2]))).toRows()).toEqual([[0, -5]]);
    const none = new DropoutLayer(2, { rate: 0 });
    const random = scriptedRandom([0, 0.999]);
    expect(none.forward(x, training(random)).toRows()).toEqual([[8, -4]]);
    expect(random.drawn()).toBe(2);
  });

  it('draws its mask from pass.random in row-major order, as an independent replay of the same stream predicts', () => {
    const [rows, cols, rate] = [4, 5, 0.4];
    const x = randomMatrix(rows, cols, new SeededRandom(3));
    const delta = randomMatrix(rows, cols, new SeededRandom(4));
    const layer = new DropoutLayer(cols, { rate });
    const y = layer.forward(x, training(new SeededRandom(99))).clone();
    const dx = layer.backward(delta).clone();
    // Replay: sample n, feature j takes the (n · cols + j)-th draw of SeededRandom(99).
    const replay = new SeededRandom(99);
    const expectedY: number[] = [];
    const expectedDx: number[] = [];
    let kept = 0;
    for (let n = 0; n < rows; n++) {
      for (let j = 0; j < cols; j++) {
        const keep = replay.uniform() >= rate;
        kept += keep ? 1 : 0;
        expectedY.push(keep ? x.get(n, j) / (1 - rate) : x.get(n, j) * 0);
        expectedDx.push(keep ? delta.get(n, j) / (1 - rate) : delta.get(n, j) * 0);
      }
    }
    expect(kept).toBeGreaterThan(0); // the stream both drops and keeps, so the comparison means something
    expect(kept).toBeLessThan(rows * cols);
    y.data.forEach((value, i) => expect(value).toBeCloseTo(expectedY[i], 14));
    dx.data.forEach((value, i) => expect(value).toBeCloseTo(expectedDx[i], 14));
  });

  it('returns the same ∂J/∂x from a second backward of the same forward', () => {
    const layer = new DropoutLayer(4, { rate: 0.5 });
    layer.forward(randomMatrix(3, 4, new SeededRandom(1)), training(new SeededRandom(2)));
    const delta = randomMatrix(3, 4, new SeededRandom(5));
    const first = layer.backward(delta).clone();
    expect(bits(layer.backward(delta).data)).toEqual(bits(first.data));
  });

  it('keeps a fraction 1 − p of 100 000 elements, within 4 standard errors, and scales exactly those', () => {
    const [rows, cols, rate] = [200, 500, 0.3];
    const x = new Matrix(rows, cols, new Float64Array(rows * cols).fill(1));
    const y = new DropoutLayer(cols, { rate }).forward(x, training(new SeededRandom(2024)));
    const kept = y.data.filter((value) => value !== 0).length;
    expect(y.data.every((value) => value === 0 || value === 1 / (1 - rate))).toBe(true);
    const count = rows * cols;
    const standardError = Math.sqrt((rate * (1 - rate)) / count); // of the kept fraction: Bernoulli(1 − p) mean
    expect(Math.abs(kept / count - (1 - rate))).toBeLessThan(4 * standardError);
  });

  it('leaves E[y] = x: the mean of y over 20 000 passes is within 4 standard errors of x', () => {
    const [rate, passes] = [0.2, 20_000];
    const x = Matrix.fromRows([[1, -2, 0.5, 3]]);
    const layer = new DropoutLayer(4, { rate });
    const random = new SeededRandom(77);
    const sums = new Float64Array(4);
    for (let t = 0; t < passes; t++) layer.forward(x, training(random)).data.forEach((value, j) => (sums[j] += value));
    x.data.forEach((value, j) => {
      // y_j = x_j · B / (1 − p) with B ~ Bernoulli(1 − p): sd(y_j) = |x_j| √(p (1 − p)) / (1 − p)
      const standardError = (Math.abs(value) * Math.sqrt(rate * (1 - rate))) / (1 - rate) / Math.sqrt(passes);
      expect(Math.abs(sums[j] / passes - value)).toBeLessThan(4 * standardError);
    });
  });
});

describe('DropoutLayer in inference', () => {
  it('is the identity, bit for bit, in its own buffer, and passes s back as a copy', () => {
    const layer = new DropoutLayer(3, { rate: 0.5 });
    const x = Matrix.fromRows([
      [0.1, -0, 1e-300],
      [-7.25, 3, Math.PI],
    ]);
    const y = layer.forward(x, INFERENCE_PASS);
    expect(y).not.toBe(x);
    expect(bits(y.data)).toEqual(bits(x.data));
    const delta = Matrix.fromRows([
      [1, 2, -0],
      [1 / 3, -5, 6],
    ]);
    const dx = layer.backward(delta);
    expect(dx).not.toBe(delta);
    expect(bits(dx.data)).toEqual(bits(delta.data));
  });

  it('draws nothing: a pass whose source throws on any draw goes through', () => {
    const layer = new DropoutLayer(4, { rate: 0.5 });
    const random = throwingRandom();
    const x = randomMatrix(6, 4, new SeededRandom(8));
    expect(bits(layer.forward(x, { phase: 'inference', random }).data)).toEqual(bits(x.data));
    expect(random.attempts).toBe(0);
    // the same source in training fails on the first draw, so it does refuse
    expect(() => layer.forward(x, training(random))).toThrow('this pass must not draw');
    expect(random.attempts).toBe(1);
  });

  it('uses the mask of a training forward only after that forward: an inference forward in between resets it', () => {
    const layer = new DropoutLayer(2, { rate: 0.5 });
    const x = Matrix.fromRows([[1, 2]]);
    layer.forward(x, training(scriptedRandom([0, 0]))); // both dropped
    layer.forward(x, INFERENCE_PASS);
    expect(layer.backward(Matrix.fromRows([[3, 4]])).toRows()).toEqual([[3, 4]]);
  });
});

describe('dropout options and errors', () => {
  it('defaults to p = 0.5 and keeps its input size', () => {
    const layer = create({}, 7) as DropoutLayer;
    expect(layer).toBeInstanceOf(DropoutLayer);
    expect([layer.kind, layer.rate, layer.inputSize, layer.outputSize, layer.stochastic]).toEqual([
      'dropout',
      0.5,
      7,
      7,
      true,
    ]);
    expect(layer.parameters()).toEqual([]);
    expect((create({ rate: 0 }) as DropoutLayer).rate).toBe(0);
    expect((create({ rate: 0.999 }) as DropoutLayer).rate).toBe(0.999);
  });

  it.each([
    [1, 'got 1'],
    [-0.1, 'got -0.1'],
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    ['0.5', 'got the string "0.5"'],
    [null, 'got null'],
  ])('rejects rate %s, saying where and the range', (rate, got) => {
    expect(() => create({ rate })).toThrow(`dropout at layers[2]: rate must be in [0, 1), ${got}`);
  });

  it('rejects unknown options and a bad input size', () => {
    expect(() => create({ p: 0.5 })).toThrow("dropout at layers[2]: unknown option 'p'; expected one of: rate");
    expect(() => new DropoutLayer(0)).toThrow('dropout(0): input size must be a positive integer, got number 0');
  });

  it('rejects a wrong input, a backward before any forward and a sensitivity of the wrong shape', () => {
    const layer = create({ rate: 0.5 }, 3, 1);
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('dropout at layers[1]: backward called before forward');
    expect(() => layer.forward(Matrix.zeros(2, 4), INFERENCE_PASS)).toThrow(
      'dropout at layers[1]: input has 4 columns, expected 3',
    );
    layer.forward(Matrix.zeros(2, 3), INFERENCE_PASS);
    expect(() => layer.backward(Matrix.zeros(3, 3))).toThrow('dropout at layers[1]: sensitivity is 3×3, expected 2×3');
    expect(() => layer.backwardParameters?.(Matrix.zeros(2, 2))).toThrow(
      'dropout at layers[1]: sensitivity is 2×2, expected 2×3',
    );
    expect(() =>
      layer.forward(Matrix.zeros(2, 3), { phase: 'evaluation' as 'inference', random: throwingRandom() }),
    ).toThrow(`dropout at layers[1]: pass.phase must be 'training' or 'inference', got "evaluation"`);
  });

  it('leaves its last output alone and refuses a backward after a training forward whose draws failed', () => {
    const layer = new DropoutLayer(2, { rate: 0.5, where: 'layers[0]' });
    const y = layer.forward(Matrix.fromRows([[1, 2]]), INFERENCE_PASS);
    expect(() => layer.forward(Matrix.fromRows([[3, 4]]), training(scriptedRandom([0.9])))).toThrow(
      'scriptedRandom: draw 2 of 1',
    );
    expect(y.toRows()).toEqual([[1, 2]]);
    expect(() => layer.backward(Matrix.fromRows([[1, 1]]))).toThrow(
      'dropout at layers[0]: backward called before forward',
    );
  });
});
