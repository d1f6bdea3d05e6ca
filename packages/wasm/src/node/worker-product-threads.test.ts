import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { controlSlots, type ProductThreadsFactory } from '../product-threads.js';
import { WasmKernels } from '../wasm-kernels.js';
import { instantiateKernels } from '../wasm-module.js';
import { panelsComputedBy, workerProductThreads } from './worker-product-threads.js';

const random = new SeededRandom(5);
/** Products the threads took (run() returned true), and the threads' control block (for the helpers' panel counts). */
let sharedProducts = 0;
let sharedControl: Int32Array = new Int32Array(0);
const countingThreads: ProductThreadsFactory = (instance, control) => {
  sharedControl = control;
  const threads = workerProductThreads(3)(instance, control);
  return {
    get count() {
      return threads.count;
    },
    get ready() {
      return threads.ready;
    },
    run: (call) => {
      const shared = threads.run(call);
      if (shared) sharedProducts++;
      return shared;
    },
    close: () => threads.close(),
  };
};
const kernels = new WasmKernels({ threads: countingThreads });
afterAll(() => kernels.close());

async function whenReady(k: WasmKernels): Promise<void> {
  for (let waited = 0; !k.threadsReady; waited += 10) {
    if (waited > 20_000) throw new Error('the helper threads did not start within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function resident(matrix: Matrix): Matrix {
  const copy = kernels.matrix(matrix.rows, matrix.cols);
  copy.data.set(matrix.data);
  return copy;
}

describe('WasmKernels with worker threads', () => {
  it('shares large products among the threads and gets the same bits as jsKernels', async () => {
    await whenReady(kernels);
    expect(kernels.threadCount).toBe(3);
    const before = sharedProducts;
    // Large enough to be shared (m·k·n ≥ 2^18), with panel counts that do and do not divide evenly among 3 threads.
    for (const [m, k, n] of [
      [64, 100, 64],
      [70, 130, 33],
      [13, 200, 150],
      [300, 300, 5],
    ]) {
      const a = randomMatrix(m, k, random),
        b = randomMatrix(k, n, random),
        at = randomMatrix(k, m, random),
        bt = randomMatrix(n, k, random);
      const start = randomMatrix(m, n, random);
      for (const accumulate of [false, true]) {
        const what = `${m}×${k}×${n}, accumulate ${accumulate}`;
        const check = (actual: Matrix, expected: Matrix, name: string) => {
          for (let i = 0; i < expected.data.length; i++) {
            if (!Object.is(actual.data[i], expected.data[i]))
              expect.fail(`${name} ${what}: element ${i} is ${actual.data[i]}, js gives ${expected.data[i]}`);
          }
        };
        check(
          kernels.matmul(resident(a), resident(b), resident(start), accumulate),
          jsKernels.matmul(a, b, start.clone(), accumulate),
          'matmul',
        );
        check(
          kernels.matmulTransposeA(resident(at), b, resident(start), accumulate),
          jsKernels.matmulTransposeA(at, b, start.clone(), accumulate),
          'matmulTransposeA',
        );
        check(
          kernels.matmulTransposeB(a, resident(bt), resident(start), accumulate),
          jsKernels.matmulTransposeB(a, bt, start.clone(), accumulate),
          'matmulTransposeB',
        );
      }
    }
    expect(sharedProducts - before).toBe(4 * 2 * 3); // every product above was handed to the threads
    // Panels go to whichever thread claims them first: keep multiplying until both helpers have computed some, with
    // the same bits (a wrong argument passed to the helpers shows here).
    const a = randomMatrix(128, 256, random),
      b = randomMatrix(256, 256, random),
      row = kernels.matrix(1, 256);
    row.data.set(randomMatrix(1, 256, random).data);
    const expected = jsKernels.addRowVector(
      jsKernels.matmul(a, b, Matrix.zeros(128, 256)),
      row,
      Matrix.zeros(128, 256),
    );
    const [x, y, out] = [resident(a), resident(b), kernels.matrix(128, 256)];
    for (
      let product = 0;
      product < 500 && !(panelsComputedBy(sharedControl, 1) > 0 && panelsComputedBy(sharedControl, 2) > 0);
      product++
    ) {
      kernels.fastPaths.matmulAddRow(x, y, row, out);
      for (let i = 0; i < expected.data.length; i++) {
        if (!Object.is(out.data[i], expected.data[i]))
          expect.fail(`matmulAddRow on 3 threads: element ${i} is ${out.data[i]}, js gives ${expected.data[i]}`);
      }
    }
    expect(panelsComputedBy(sharedControl, 1)).toBeGreaterThan(0);
    expect(panelsComputedBy(sharedControl, 2)).toBeGreaterThan(0);
  });

  it(
    'reports a helper thread that failed instead of waiting for ' + 'it, and computes on the caller from then on',
    async () => {
      const instance = instantiateKernels(16);
      const control = new Int32Array(
        instance.memory.buffer,
        Math.ceil(instance.exports.heapBase() / 16) * 16,
        controlSlots(3),
      );
      const threads = workerProductThreads(3)(instance, control);
      for (let waited = 0; !threads.ready; waited += 10) {
        if (waited > 20_000) throw new Error('the helper threads did not start within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Operands outside the memory: the caller's first panel throws, and the helpers, which claim the other panels,
      // fail on theirs.
      const outside = 0x7fff0000;
      const call = {
        kernel: 0,
        a: outside,
        b: outside,
        out: outside,
        size0: 4,
        size1: 4,
        n: 256,
        accumulate: 0,
        scratch: outside,
        packedA: 0,
        panels: 64,
        row: 0,
      };
      expect(() => threads.run(call)).toThrow(
        /memory access out of bounds|a worker thread failed while computing its part of a matrix product/,
      );
      expect(threads.ready).toBe(false); // only a helper's failure marks the threads unusable
      expect(threads.run(call)).toBe(false);
      threads.close();
    },
  );

  it('rejects a thread count outside 1…64, and runs everything on the caller after close()', async () => {
    expect(() => workerProductThreads(0)).toThrow('count must be an integer from 1 to 64, got 0');
    expect(() => workerProductThreads(1.5)).toThrow('got 1.5');
    const closing = new WasmKernels({ threads: workerProductThreads(2) });
    await whenReady(closing);
    closing.close();
    closing.close();
    expect(closing.threadCount).toBe(1);
    const a = randomMatrix(64, 100, random),
      b = randomMatrix(100, 64, random);
    const out = closing.matmul(a, b, Matrix.zeros(64, 64));
    expect(Array.from(out.data)).toEqual(Array.from(jsKernels.matmul(a, b, Matrix.zeros(64, 64)).data));
  });
});
