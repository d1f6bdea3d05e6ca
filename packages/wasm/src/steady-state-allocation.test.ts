import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  Matrix,
  SeededRandom,
  seededRandomModule,
  TRAINER,
} from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { wasmFloat32KernelsModule, wasmKernelsModule } from './wasm-kernels-module.js';

const TYPED_ARRAYS = ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Uint8Array'] as const;
const MAKING_METHODS = ['subarray', 'slice', 'map', 'filter'] as const;

/** Runs `body` while counting every typed array constructed, or made by subarray/slice/map/filter. */
function countTypedArrays(body: () => void): number {
  const global = globalThis as unknown as Record<string, unknown>;
  const prototype = Object.getPrototypeOf(Float64Array.prototype) as Record<string, (...args: unknown[]) => unknown>;
  const saved = {
    constructors: TYPED_ARRAYS.map((name) => global[name]),
    methods: MAKING_METHODS.map((name) => prototype[name]),
  };
  let count = 0;
  TYPED_ARRAYS.forEach((name, i) => {
    global[name] = new Proxy(saved.constructors[i] as object, {
      construct(target, args, newTarget) {
        count++;
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
      },
    });
  });
  MAKING_METHODS.forEach((name, i) => {
    const original = saved.methods[i];
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  });
  try {
    body();
  } finally {
    TYPED_ARRAYS.forEach((name, i) => (global[name] = saved.constructors[i]));
    MAKING_METHODS.forEach((name, i) => (prototype[name] = saved.methods[i]));
  }
  return count;
}

describe('a steady training loop allocates no typed arrays', () => {
  it.each([
    ['JavaScript', undefined],
    ['wasm float64', wasmKernelsModule],
    ['wasm float32', wasmFloat32KernelsModule],
  ] as [string, ContainerModule | undefined][])('with the %s kernels', (_, kernels) => {
    const modules = [denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(1)];
    if (kernels !== undefined) modules.push(kernels);
    const container = createContainer(...modules);
    const network = buildNetwork(container, {
      inputSize: 40,
      layers: [{ kind: 'dense', units: 20 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
      loss: { kind: 'squared-error' },
    });
    const data = new SeededRandom(2);
    const inputs = new Matrix(
      60,
      40,
      Float64Array.from({ length: 2400 }, () => data.normal()),
    );
    const labels = Array.from({ length: 60 }, () => data.integer(3));
    const trainer = container.get(TRAINER);
    const random = new SeededRandom(3);
    const train = (iterations: number) =>
      trainer.train(network, inputs, labels, {
        learningRate: 0.5,
        iterations,
        batchSize: 15,
        sampling: 'random-batch',
        random,
      });
    train(50); // the first calls allocate the buffers
    const fiveHundred = countTypedArrays(() => train(500));
    const twoThousand = countTypedArrays(() => train(2000));
    // What a train() call makes once (the labels as one-hot targets, a view of each data row it draws, …) is the
    // same for 500 and 2,000 iterations (every row is drawn by then): nothing is made per iteration.
    expect(fiveHundred).toBeGreaterThan(0); // the counting works
    expect(twoThousand).toBe(fiveHundred);
  });
});

describe('repeated train() calls on one network', () => {
  it.each([
    ['float64', wasmKernelsModule],
    ['float32', wasmFloat32KernelsModule],
  ] as [string, ContainerModule][])('reuse its batch buffers, so the %s module memory stops growing', (_, kernels) => {
    const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(1), kernels);
    const network = buildNetwork(container, {
      inputSize: 300,
      layers: [{ kind: 'dense', units: 8 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
      loss: { kind: 'squared-error' },
    });
    const data = new SeededRandom(4);
    const inputs = new Matrix(
      400,
      300,
      Float64Array.from({ length: 400 * 300 }, () => data.normal()),
    );
    const labels = Array.from({ length: 400 }, () => data.integer(3));
    const wasm = network.kernels as unknown as { memoryBytes: number };
    const train = () =>
      container
        .get(TRAINER)
        .train(network, inputs, labels, { learningRate: 0.5, iterations: 1, batchSize: 200, seed: 5 });
    train();
    const after = wasm.memoryBytes;
    // 200 calls of fresh 200×300 batch buffers would need over 45 MB more
    for (let call = 0; call < 200; call++) train();
    expect(wasm.memoryBytes).toBe(after);
  });
});
