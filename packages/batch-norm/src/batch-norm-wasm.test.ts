import { jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { builtinInitializers, createLayerContext, INFERENCE_PASS, refusingRandom, Registry } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { WasmKernels } from '@bpnet/wasm';
import { describe, expect, it } from 'vitest';
import type { BatchNormLayer } from './batch-norm-layer.js';
import { batchNormRegistration } from './batch-norm-layer.js';

const TRAINING = { phase: 'training', random: refusingRandom('batch-norm must not draw') } as const;

/** `matrix` with every element rounded to float32 (kept in float64), so every backend starts from the same values. */
function rounded(matrix: Matrix): Matrix {
  return new Matrix(matrix.rows, matrix.cols, Float64Array.from(matrix.data, Math.fround));
}

const random = new SeededRandom(5);
const [rows, cols] = [11, 6];
const batches = [0, 1, 2].map(() => rounded(randomMatrix(rows, cols, random, 3)));
const deltas = [0, 1, 2].map(() => rounded(randomMatrix(rows, cols, random)));
const gamma = rounded(randomMatrix(1, cols, random));
const beta = rounded(randomMatrix(1, cols, random));

/**
 * On `kernels`: two training steps (forward and backward each), then an inference forward and backward. Returns
 * float64 copies of every output, ∂J/∂x, gradient and state, in that order, and the element type the layer used.
 */
function run(kernels: Kernels): { values: Float64Array[]; type: unknown } {
  const services = {
    kernels,
    random: refusingRandom('no draws'),
    initializers: new Registry('initializer', builtinInitializers),
  };
  const layer = batchNormRegistration.create(
    { kind: 'batch-norm', momentum: 0.5 },
    createLayerContext(services, cols, 'layers[0]'),
  ) as BatchNormLayer;
  layer.scale.value.data.set(gamma.data);
  layer.shift.value.data.set(beta.data);
  const values: Float64Array[] = [];
  const keep = (matrix: Matrix) => values.push(Float64Array.from(matrix.data));
  let type: unknown;
  batches.forEach((batch, k) => {
    const pass = k < 2 ? TRAINING : INFERENCE_PASS;
    const y = layer.forward(batch, pass);
    type = y.data.constructor;
    keep(y);
    keep(layer.backward(deltas[k]));
    for (const parameter of layer.parameters()) keep(parameter.grad);
    for (const state of layer.state()) keep(state.value);
  });
  return { values, type };
}

function bits(values: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(values.buffer));
}

describe('batch-norm on the wasm kernels', () => {
  const js = run(jsKernels);

  it('float64: the same bits as the JS kernels, in training, in the running statistics and in inference', () => {
    const wasm = run(new WasmKernels());
    expect(wasm.type).toBe(Float64Array);
    expect(wasm.values.length).toBe(js.values.length);
    wasm.values.forEach((values, k) => expect(bits(values), `value ${k}`).toEqual(bits(js.values[k])));
  });

  it('float32: within 1e-4 of float64 (relative to each quantity’s largest element)', () => {
    const f32 = run(new WasmKernels({ precision: 'float32' }));
    expect(f32.type).toBe(Float32Array);
    f32.values.forEach((values, k) => {
      const expected = js.values[k];
      const scale = Math.max(...expected.map(Math.abs));
      values.forEach((value, i) => {
        if (!(Math.abs(value - expected[i]) <= 1e-4 * scale))
          expect.fail(`value ${k}, element ${i}: ${value} in float32, ${expected[i]} in float64`);
      });
    });
  });
});
