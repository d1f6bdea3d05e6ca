import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { sigmoid, sigmoidActivation } from '@bpnet/sigmoid';
import { describe, expect, it } from 'vitest';
import { WasmKernels } from './wasm-kernels.js';

const wasm = new WasmKernels();

/** Units in the last place between a and b (0 when both are NaN or equal). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (a === b) return 0;
  const spacing = Math.max(Number.MIN_VALUE, Math.abs(b) * Number.EPSILON);
  return Math.abs(a - b) / spacing;
}

describe('WasmKernels.fastPaths.activation("logistic")', () => {
  it(
    'computes float64 elements within 2 ulp of core’s sigmoid over the ' +
      'whole float64 range, and exact at the special values',
    () => {
      const random = new SeededRandom(9);
      const values: number[] = [
        0,
        -0,
        1,
        -1,
        0.5,
        36,
        -36,
        37,
        -37,
        700,
        -700,
        708,
        -708,
        709,
        -709,
        710,
        -710,
        744,
        -744,
        745,
        -745,
        746,
        -746,
        1e-300,
        -1e-300,
        5e-324,
        1e308,
        -1e308,
        Infinity,
        -Infinity,
        NaN,
      ];
      for (let i = 0; i < 20_000; i++) values.push((random.uniform() * 2 - 1) * [1, 10, 40, 800][i % 4]);
      const net = new Matrix(1, values.length, Float64Array.from(values));
      const out = wasm.fastPaths.activation('logistic', net, Matrix.zeros(1, values.length));
      expect(out).toBeDefined();
      let worst = 0;
      values.forEach((x, i) => {
        const expected = sigmoid(x);
        const actual = out!.data[i];
        if (Number.isNaN(expected)) expect(actual, `f(${x})`).toBeNaN();
        else worst = Math.max(worst, ulps(actual, expected));
      });
      expect(worst).toBeLessThanOrEqual(2);
      for (const [x, y] of [
        [0, 0.5],
        [-0, 0.5],
        [Infinity, 1],
        [-Infinity, 0],
        [800, 1],
        [-800, 0],
        [-746, 0],
      ]) {
        expect(
          wasm.fastPaths.activation('logistic', Matrix.fromRows([[x]]), Matrix.zeros(1, 1))!.data[0],
          `f(${x})`,
        ).toBe(y);
      }
    },
  );

  it('gives subnormal results where they are due, rounded as Math.exp rounds them within an ulp', () => {
    for (const x of [-709, -720, -740, -744.4]) {
      const actual = wasm.fastPaths.activation('logistic', Matrix.fromRows([[x]]), Matrix.zeros(1, 1))!.data[0];
      expect(Math.abs(actual - sigmoid(x)), `f(${x})`).toBeLessThanOrEqual(
        Number.MIN_VALUE * 2 + 4 * Number.EPSILON * sigmoid(x),
      );
    }
  });

  it(
    'computes float32 elements in float32 within 3 float32 ulp of ' + 'the exact value, exact at the special values',
    () => {
      const f32 = new WasmKernels({ precision: 'float32' });
      const random = new SeededRandom(10);
      const values: number[] = [
        0,
        -0,
        1,
        -1,
        16.6,
        17,
        -17,
        87,
        -87,
        -88,
        -90,
        -100,
        -103,
        -103.9,
        -104,
        -200,
        200,
        Infinity,
        -Infinity,
        NaN,
      ];
      for (let i = 0; i < 40_000; i++) values.push(Math.fround((random.uniform() * 2 - 1) * [1, 10, 40, 110][i % 4]));
      const net = f32.matrix(1, values.length);
      net.data.set(values);
      const out = f32.fastPaths.activation('logistic', net, f32.matrix(1, values.length))!;
      let worst = 0;
      values.forEach((x, i) => {
        const exact = 1 / (1 + Math.exp(-Math.fround(x)));
        if (Number.isNaN(exact)) return void expect(out.data[i], `f(${x})`).toBeNaN();
        // A float32 ulp at `exact` (2^-149 for subnormal results).
        const ulp = exact === 0 ? 2 ** -149 : Math.max(2 ** -149, 2 ** (Math.floor(Math.log2(exact)) - 23));
        worst = Math.max(worst, Math.abs(out.data[i] - exact) / ulp);
      });
      expect(worst).toBeLessThanOrEqual(3);
      for (const [x, y] of [
        [0, 0.5],
        [-0, 0.5],
        [Infinity, 1],
        [-Infinity, 0],
        [200, 1],
        [-200, 0],
        [-104, 0],
      ]) {
        const one = f32.matrix(1, 1);
        one.data[0] = x;
        expect(f32.fastPaths.activation('logistic', one, f32.matrix(1, 1))!.data[0], `f(${x})`).toBe(y);
      }
    },
  );

  it('computes the backward pass (s · y) · (1 − y) to the same bits as the JavaScript activation', () => {
    const random = new SeededRandom(3);
    for (const length of [0, 1, 2, 7, 64]) {
      const s = new Matrix(
        1,
        length,
        Float64Array.from({ length }, () => random.normal()),
      );
      const y = new Matrix(
        1,
        length,
        Float64Array.from({ length }, () => random.uniform()),
      );
      const actual = wasm.fastPaths.activationBackward('logistic', s, y, Matrix.zeros(1, length))!;
      const expected = jsKernels.zip(s, y, sigmoidActivation.backward, Matrix.zeros(1, length));
      expect(Array.from(actual.data)).toEqual(Array.from(expected.data));
    }
  });

  it('leaves activations it has no native version of to the layer (returns undefined), and checks shapes', () => {
    expect(wasm.fastPaths.activation('tanh' as 'logistic', Matrix.zeros(1, 2), Matrix.zeros(1, 2))).toBeUndefined();
    expect(() => wasm.fastPaths.activation('logistic', Matrix.zeros(1, 2), Matrix.zeros(2, 1))).toThrow(
      'Kernels.activation: operand shapes 1×2, 2×1 do not fit together',
    );
  });
});
