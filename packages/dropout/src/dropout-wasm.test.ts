import { jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { builtinInitializers, createLayerContext, INFERENCE_PASS, Registry } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { WasmKernels } from '@bpnet/wasm';
import { describe, expect, it } from 'vitest';
import { dropoutRegistration } from './dropout-layer.js';

function createOn(kernels: Kernels, inputSize: number, rate: number) {
  const services = {
    kernels,
    random: new SeededRandom(0),
    initializers: new Registry('initializer', builtinInitializers),
  };
  return dropoutRegistration.create({ kind: 'dropout', rate }, createLayerContext(services, inputSize, 'layers[0]'));
}

/** `matrix` with every element rounded to float32 (kept in float64), so every backend starts from the same values. */
function rounded(matrix: Matrix): Matrix {
  return new Matrix(matrix.rows, matrix.cols, Float64Array.from(matrix.data, Math.fround));
}

/** Forward in training with draws from SeededRandom(11), then backward: copies of y and ∂J/∂x. */
function trainingRun(kernels: Kernels, x: Matrix, delta: Matrix, rate: number) {
  const layer = createOn(kernels, x.cols, rate);
  const y = layer.forward(x, { phase: 'training', random: new SeededRandom(11) });
  const dx = layer.backward(delta);
  return { y: Float64Array.from(y.data), dx: Float64Array.from(dx.data), type: y.data.constructor };
}

/** The bit patterns of `values`. */
function bits(values: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(values.buffer));
}

describe('dropout on the wasm kernels', () => {
  const x = rounded(randomMatrix(9, 13, new SeededRandom(1)));
  const delta = rounded(randomMatrix(9, 13, new SeededRandom(2)));

  it.each([0.5, 0.3])('float64 gives the JS kernels’ bits in training (same mask) and inference, p = %s', (rate) => {
    const js = trainingRun(jsKernels, x, delta, rate);
    const wasm = trainingRun(new WasmKernels(), x, delta, rate);
    expect(wasm.type).toBe(Float64Array);
    expect(bits(wasm.y)).toEqual(bits(js.y));
    expect(bits(wasm.dx)).toEqual(bits(js.dx));
    expect(js.y.some((value) => value === 0) && js.y.some((value) => value !== 0)).toBe(true);
    const layer = createOn(new WasmKernels(), x.cols, rate);
    expect(bits(Float64Array.from(layer.forward(x, INFERENCE_PASS).data))).toEqual(bits(Float64Array.from(x.data)));
    expect(bits(Float64Array.from(layer.backward(delta).data))).toEqual(bits(Float64Array.from(delta.data)));
  });

  it.each([0.5, 0.3])(
    'float32 drops the same elements and gives the float32 rounding of float64’s values, p = %s',
    (rate) => {
      const f64 = trainingRun(jsKernels, x, delta, rate);
      const f32 = trainingRun(new WasmKernels({ precision: 'float32' }), x, delta, rate);
      expect(f32.type).toBe(Float32Array);
      expect(bits(f32.y)).toEqual(bits(f64.y.map(Math.fround)));
      expect(bits(f32.dx)).toEqual(bits(f64.dx.map(Math.fround)));
      expect(f32.y.map((value) => (value === 0 ? 0 : 1))).toEqual(f64.y.map((value) => (value === 0 ? 0 : 1)));
      const layer = createOn(new WasmKernels({ precision: 'float32' }), x.cols, rate);
      // x is float32-representable
      expect(Array.from(layer.forward(x, INFERENCE_PASS).data)).toEqual(Array.from(x.data));
    },
  );
});
