import {
  buildNetwork,
  type BpnetContainer,
  createContainer,
  jsKernels,
  type Kernels,
  loadModel,
  Matrix,
  modelToJson,
  type Network,
  resumeTraining,
  SeededRandom,
  seededRandomModule,
  train,
  type TrainingCheckpoint,
} from '@bpnet/core';
import { KERNELS } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';
import { WasmKernels } from './wasm-kernels.js';
import { wasmFloat32KernelsModule } from './wasm-kernels-module.js';

const f32 = new WasmKernels({ precision: 'float32' });
const random = new SeededRandom(21);

/** `matrix` with every element rounded to float32 (kept in float64), so both backends start from the same values. */
function rounded(matrix: Matrix): Matrix {
  return new Matrix(matrix.rows, matrix.cols, Float64Array.from(matrix.data, Math.fround));
}

/** |actual − expected| ≤ tolerance · scale_i for every element, where scale_i bounds the terms that were summed. */
function expectWithin(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale: ArrayLike<number>,
  tolerance: number,
  what: string,
): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance * scale[i])) {
      expect.fail(
        `${what}: element ${i} is ${actual[i]} in float32, ${expected[i]} in float64 (allowed ${tolerance * scale[i]})`,
      );
    }
  }
}

describe('WasmKernels in float32', () => {
  it('makes float32 matrices in its memory and converts float64 operands when it copies them in', () => {
    expect(f32.name).toBe('wasm-float32');
    expect(f32.matrix(2, 3).data).toBeInstanceOf(Float32Array);
    const a = Matrix.fromRows([
      [1 / 3, 2],
      [3, 4],
    ]);
    const out = f32.scale(3, a, Matrix.zeros(2, 2)); // float64 in and out, float32 inside
    expect(out.data).toBeInstanceOf(Float64Array);
    expect(Array.from(out.data)).toEqual([Math.fround(Math.fround(1 / 3) * 3), 6, 9, 12]);
    expect(() => new WasmKernels({ precision: 'float16' as 'float32' })).toThrow(
      "precision must be 'float64' or 'float32', got \"float16\"",
    );
  });

  it('computes the three products within float32 rounding of the float64 ones, every edge shape included', () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 7],
      [4, 8, 8],
      [9, 17, 13],
      [64, 300, 20],
      [67, 301, 20],
      [5, 2, 33],
    ]) {
      const a = rounded(randomMatrix(m, k, random)),
        b = rounded(randomMatrix(k, n, random));
      const at = rounded(randomMatrix(k, m, random)),
        bt = rounded(randomMatrix(n, k, random));
      const start = rounded(randomMatrix(m, n, random));
      const magnitude = (x: Matrix, y: Matrix, product: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB') => {
        const abs = (z: Matrix) => new Matrix(z.rows, z.cols, Float64Array.from(z.data, Math.abs));
        return jsKernels[product](abs(x), abs(y), Matrix.zeros(m, n)).data.map((v, i) => v + Math.abs(start.data[i]));
      };
      for (const accumulate of [false, true]) {
        const what = `${m}×${k}×${n}, accumulate ${accumulate}`;
        const resident = (x: Matrix) => {
          const copy = f32.matrix(x.rows, x.cols);
          copy.data.set(x.data);
          return copy;
        };
        // k terms, each with a rounding of its product and of the running sum: (k + 1) · 2^−24 bounds the error.
        const tolerance = (k + 2) * 2 ** -24;
        expectWithin(
          f32.matmul(resident(a), b, resident(start), accumulate).data,
          jsKernels.matmul(a, b, start.clone(), accumulate).data,
          magnitude(a, b, 'matmul'),
          tolerance,
          `matmul ${what}`,
        );
        expectWithin(
          f32.matmulTransposeA(at, resident(b), resident(start), accumulate).data,
          jsKernels.matmulTransposeA(at, b, start.clone(), accumulate).data,
          magnitude(at, b, 'matmulTransposeA'),
          tolerance,
          `matmulTransposeA ${what}`,
        );
        expectWithin(
          f32.matmulTransposeB(resident(a), resident(bt), start.clone(), accumulate).data,
          jsKernels.matmulTransposeB(a, bt, start.clone(), accumulate).data,
          magnitude(a, bt, 'matmulTransposeB'),
          tolerance,
          `matmulTransposeB ${what}`,
        );
      }
    }
  });

  it('computes the element-wise kernels and reductions within float32 rounding', () => {
    for (const [m, n] of [
      [1, 1],
      [3, 5],
      [4, 8],
      [7, 9],
    ]) {
      const a = rounded(randomMatrix(m, n, random, 4)),
        b = rounded(randomMatrix(m, n, random)),
        row = rounded(randomMatrix(1, n, random));
      const ones = new Float64Array(m * n).fill(1);
      const absSum = (x: Matrix, y: Matrix) => x.data.map((v, i) => Math.abs(v) + Math.abs(y.data[i]));
      expectWithin(
        f32.addRowVector(a, row, Matrix.zeros(m, n)).data,
        jsKernels.addRowVector(a, row, Matrix.zeros(m, n)).data,
        absSum(a, jsKernels.addRowVector(Matrix.zeros(m, n), row, Matrix.zeros(m, n))),
        2 ** -23,
        'addRowVector',
      );
      const columnScale = jsKernels.sumColumns(
        new Matrix(m, n, Float64Array.from(a.data, Math.abs)),
        Matrix.zeros(1, n),
      ).data;
      expectWithin(
        f32.sumColumns(a, Matrix.zeros(1, n)).data,
        jsKernels.sumColumns(a, Matrix.zeros(1, n)).data,
        columnScale,
        (m + 1) * 2 ** -24,
        'sumColumns',
      );
      expectWithin(
        f32.scale(0.3, a, Matrix.zeros(m, n)).data,
        jsKernels.scale(0.3, a, Matrix.zeros(m, n)).data,
        a.data.map((v) => Math.abs(v)),
        2 ** -22,
        'scale',
      );
      expectWithin(
        f32.axpy(0.3, a, b.clone()).data,
        jsKernels.axpy(0.3, a, b.clone()).data,
        absSum(a, b),
        2 ** -22,
        'axpy',
      );
      expect(Math.abs(f32.dot(a, b) - jsKernels.dot(a, b))).toBeLessThanOrEqual(
        2 ** -22 *
          jsKernels.dot(
            new Matrix(m, n, Float64Array.from(a.data, Math.abs)),
            new Matrix(m, n, Float64Array.from(b.data, Math.abs)),
          ),
      );
      expect(f32.maxAbs(a)).toBe(jsKernels.maxAbs(a));
      expect(f32.maxAbs(new Matrix(1, 5, Float64Array.of(1, 2, NaN, 3, 4)))).toBeNaN();
      expectWithin(f32.fill(0.1, Matrix.zeros(m, n)).data, new Float64Array(m * n).fill(0.1), ones, 2 ** -24, 'fill');
      const y = f32.fastPaths.activation('logistic', a, Matrix.zeros(m, n))!;
      // Computed in float32: within 3 float32 ulp of the exact value (see wasm-logistic.test.ts), an ulp
      // being ≤ 2^-23·|y|.
      expectWithin(
        y.data,
        a.data.map((v) => 1 / (1 + Math.exp(-v))),
        y.data,
        3 * 2 ** -23,
        'logistic',
      );
      const s = rounded(randomMatrix(m, n, random));
      expectWithin(
        f32.fastPaths.activationBackward('logistic', s, y, Matrix.zeros(m, n))!.data,
        s.data.map((v, i) => v * y.data[i] * (1 - y.data[i])),
        s.data.map(Math.abs),
        2 ** -21,
        'logisticBackward',
      );
    }
  });
});

describe('a network on the float32 wasm kernels', () => {
  function threeLayer(container: BpnetContainer): Network {
    return buildNetwork(container, {
      inputSize: 13,
      layers: [
        { kind: 'dense', units: 22, weightInitializer: { kind: 'gaussian', std: 0.5 } },
        { kind: 'sigmoid' },
        { kind: 'dense', units: 5, weightInitializer: { kind: 'gaussian', std: 0.5 } },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    });
  }

  it('gives the float64 gradients to 1e-4 relative, and follows 200 training steps to 1e-4', () => {
    const data = new SeededRandom(8);
    const inputs = rounded(randomMatrix(37, 13, data, 2));
    const labels = Array.from({ length: 37 }, () => data.integer(5));
    const float32 = threeLayer(
      createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(3), wasmFloat32KernelsModule),
    );
    const float64 = threeLayer(createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(3)));
    expect(float32.parameters()[0].value.data).toBeInstanceOf(Float32Array);
    // Start from the same (float32-representable) weights.
    float64.parameters().forEach((parameter, p) => parameter.value.data.set(float32.parameters()[p].value.data));
    const targets = new Matrix(
      37,
      5,
      Float64Array.from({ length: 37 * 5 }, (_, i) => (labels[Math.floor(i / 5)] === i % 5 ? 1 : 0)),
    );
    const loss32 = float32.backprop(inputs, targets),
      loss64 = float64.backprop(inputs, targets);
    expect(Math.abs(loss32 - loss64)).toBeLessThanOrEqual(1e-4 * loss64);
    float64.parameters().forEach((parameter, p) => {
      const g64 = parameter.grad.data,
        g32 = float32.parameters()[p].grad.data;
      const largest = jsKernels.maxAbs(parameter.grad);
      for (let i = 0; i < g64.length; i++)
        expect(Math.abs(g32[i] - g64[i]), `gradient ${p}, element ${i}`).toBeLessThanOrEqual(1e-4 * largest);
    });
    const options = { learningRate: 2, iterations: 200, batchSize: 37, seed: 0 };
    const history32 = train(float32, inputs, labels, options),
      history64 = train(float64, inputs, labels, options);
    expect(history64.loss[199]).toBeLessThan(history64.loss[0] / 2);
    history64.loss.forEach((loss, step) =>
      expect(Math.abs(history32.loss[step] - loss), `loss at step ${step}`).toBeLessThanOrEqual(1e-4 * loss),
    );
  });
});

describe('copying between float64 and float32', () => {
  it('converts float64 operands in the module and float32 results back, both ways through copy()', () => {
    const values = Float64Array.of(1 / 3, -2.5, 1e-40, 3.4e38, 1e39, NaN, -0, 7);
    const f64 = new Matrix(2, 4, values);
    const resident = f32.copy(f64, f32.matrix(2, 4));
    expect(Array.from(resident.data)).toEqual(Array.from(values, Math.fround));
    const back = f32.copy(resident, Matrix.zeros(2, 4));
    expect(back.data).toBeInstanceOf(Float64Array);
    expect(Array.from(back.data)).toEqual(Array.from(values, Math.fround));
    expect(Array.from(jsKernels.copy(f64, new Matrix(2, 4, new Float32Array(8))).data)).toEqual(
      Array.from(values, Math.fround),
    );
    expect(() => f32.copy(f64, f32.matrix(4, 2))).toThrow('Kernels.copy: operand shapes 2×4, 4×2 do not fit together');
  });

  it(
    'copies float64 rows into a resident float32 matrix in one ' +
      'conversion (copyRows), and leaves other cases to the caller',
    () => {
      const rows = [Float64Array.of(1 / 3, 1e39, -0), Float64Array.of(NaN, 2.5, 1e-40)];
      const out = f32.fastPaths.copyRows(rows, 2, f32.matrix(3, 3))!;
      expect(Array.from(out.data)).toEqual([
        ...Array.from(rows[0], Math.fround),
        ...Array.from(rows[1], Math.fround),
        0,
        0,
        0,
      ]);
      expect(f32.fastPaths.copyRows(rows, 2, Matrix.zeros(3, 3))).toBeUndefined(); // not resident: the caller copies
      const f64 = new WasmKernels();
      expect(f64.fastPaths.copyRows(rows, 2, f64.matrix(3, 3))).toBeUndefined(); // float64: nothing to convert
      expect(() => f32.fastPaths.copyRows([Float64Array.of(1, 2)], 1, f32.matrix(1, 3))).toThrow(
        'Kernels.copyRows: expected at most 1 rows of 3 elements for a 1×3 matrix, got 1 rows of 2 elements',
      );
      expect(() => f32.fastPaths.copyRows(rows, 2, f32.matrix(1, 3))).toThrow('expected at most 1 rows of 3 elements');
    },
  );

  it('trains on float64 and float32 data in turn, with the kept batch buffers, as on float64 data throughout', () => {
    const data = new SeededRandom(6);
    const inputs = randomMatrix(50, 40, data);
    const asFloat32 = new Matrix(50, 40, Float32Array.from(inputs.data));
    const labels = Array.from({ length: 50 }, () => data.integer(3));
    const losses = (second: Matrix) => {
      const network = buildNetwork(
        createContainer(
          denseModule,
          sigmoidModule,
          squaredErrorModule,
          seededRandomModule(1),
          wasmFloat32KernelsModule,
        ),
        {
          inputSize: 40,
          layers: [{ kind: 'dense', units: 6 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
          loss: { kind: 'squared-error' },
        },
      );
      const options = { learningRate: 1, iterations: 20, batchSize: 10 };
      return [
        train(network, inputs, labels, { ...options, seed: 5 }).loss,
        train(network, second, labels, { ...options, seed: 6 }).loss,
        train(network, inputs, labels, { ...options, seed: 7 }).loss,
      ];
    };
    // float32 batches hold the float64 values rounded once, whichever type the data set has.
    expect(losses(asFloat32)).toEqual(losses(inputs));
  });

  it(
    'trains a network on float32 kernels from a float64 data set: ' +
      'batches through copyRows() train as those through copy()',
    () => {
      const data = new SeededRandom(4);
      const inputs = randomMatrix(90, 40, data);
      const labels = Array.from(
        { length: 90 },
        (_, i) => (inputs.data[i * 40] > 0 ? 1 : 0) + (inputs.data[i * 40 + 1] > 0 ? 1 : 0),
      );
      const trained = (kernels: Kernels) => {
        const kernelsModule = new ContainerModule(({ rebind }) => void rebind(KERNELS).toConstantValue(kernels));
        const container = createContainer(
          denseModule,
          sigmoidModule,
          squaredErrorModule,
          seededRandomModule(1),
          kernelsModule,
        );
        const network = buildNetwork(container, {
          inputSize: 40,
          layers: [{ kind: 'dense', units: 8 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
          loss: { kind: 'squared-error' },
        });
        return train(network, inputs, labels, { learningRate: 2, iterations: 300, batchSize: 30, seed: 2 }).loss;
      };
      const withCopyRows = trained(new WasmKernels({ precision: 'float32' }));
      const kernels = new WasmKernels({ precision: 'float32' });
      const withCopy = trained(
        Object.assign(Object.create(kernels) as WasmKernels, {
          fastPaths: { ...kernels.fastPaths, copyRows: undefined },
        }),
      ); // the gatherer's other path
      expect(withCopyRows[299]).toBeLessThan(withCopyRows[0] / 2);
      expect(withCopyRows).toEqual(withCopy);
    },
  );
});

describe('float32 networks in model files and checkpoints', () => {
  const spec = {
    inputSize: 6,
    layers: [{ kind: 'dense', units: 5 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
    loss: { kind: 'squared-error' },
  } as const;
  const f32Container = (seed: number) =>
    createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(seed), wasmFloat32KernelsModule);
  const data = new SeededRandom(12);
  const inputs = randomMatrix(40, 6, data);
  const labels = Array.from({ length: 40 }, () => data.integer(3));

  it('saves float32 weights exactly and loads them into a float64 or float32 network', () => {
    const network = buildNetwork(f32Container(5), spec);
    train(network, inputs, labels, { learningRate: 1, iterations: 50, batchSize: 8, seed: 1 });
    const text = modelToJson(network);
    const into64 = loadModel(createContainer(denseModule, sigmoidModule, squaredErrorModule), text);
    const into32 = loadModel(f32Container(0), text);
    network.parameters().forEach((parameter, p) => {
      expect(Array.from(into64.parameters()[p].value.data), `float64 copy of parameter ${p}`).toEqual(
        Array.from(parameter.value.data),
      );
      expect(Array.from(into32.parameters()[p].value.data), `float32 copy of parameter ${p}`).toEqual(
        Array.from(parameter.value.data),
      );
    });
    expect(into32.predict(inputs)).toEqual(network.predict(inputs));
  });

  it('resumes a float32 run from a checkpoint to the same bits as the uninterrupted run', () => {
    const options = { learningRate: 1, iterations: 60, batchSize: 8, sampling: 'epoch', seed: 4 } as const;
    const straight = buildNetwork(f32Container(5), spec);
    train(straight, inputs, labels, options);
    const interrupted = buildNetwork(f32Container(5), spec);
    const controller = new AbortController();
    const written: TrainingCheckpoint[] = [];
    train(interrupted, inputs, labels, {
      ...options,
      signal: controller.signal,
      checkpoint: { every: 1000, write: (c) => written.push(c) },
      onProgress: ({ iteration }) => iteration === 23 && controller.abort(),
    });
    expect(written).toHaveLength(1);
    const resumed = resumeTraining(
      f32Container(0),
      JSON.parse(JSON.stringify(written[0])) as TrainingCheckpoint,
      inputs,
      labels,
      options,
    );
    straight.parameters().forEach((parameter, p) => {
      expect(Array.from(resumed.network.parameters()[p].value.data), `parameter ${p}`).toEqual(
        Array.from(parameter.value.data),
      );
    });
  });
});
