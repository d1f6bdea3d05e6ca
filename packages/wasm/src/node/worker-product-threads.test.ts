import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { WasmKernels } from '../wasm-kernels.js';
import { workerProductThreads } from './worker-product-threads.js';

const random = new SeededRandom(5);
const kernels = new WasmKernels({ threads: workerProductThreads(3) });
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
    // Large enough to be shared (m·k·n ≥ 2^18), with panel counts that do and do not divide evenly among 3 threads.
    for (const [m, k, n] of [[64, 100, 64], [70, 130, 33], [13, 200, 150], [300, 300, 5]]) {
      const a = randomMatrix(m, k, random), b = randomMatrix(k, n, random), at = randomMatrix(k, m, random), bt = randomMatrix(n, k, random);
      const start = randomMatrix(m, n, random);
      for (const accumulate of [false, true]) {
        const what = `${m}×${k}×${n}, accumulate ${accumulate}`;
        const check = (actual: Matrix, expected: Matrix, name: string) => {
          for (let i = 0; i < expected.data.length; i++) {
            if (!Object.is(actual.data[i], expected.data[i])) expect.fail(`${name} ${what}: element ${i} is ${actual.data[i]}, js gives ${expected.data[i]}`);
          }
        };
        check(kernels.matmul(resident(a), resident(b), resident(start), accumulate), jsKernels.matmul(a, b, start.clone(), accumulate), 'matmul');
        check(kernels.matmulTransposeA(resident(at), b, resident(start), accumulate), jsKernels.matmulTransposeA(at, b, start.clone(), accumulate), 'matmulTransposeA');
        check(kernels.matmulTransposeB(a, resident(bt), resident(start), accumulate), jsKernels.matmulTransposeB(a, bt, start.clone(), accumulate), 'matmulTransposeB');
      }
    }
  });

  it('rejects a thread count outside 1…64, and runs everything on the caller after close()', async () => {
    expect(() => workerProductThreads(0)).toThrow('count must be an integer from 1 to 64, got 0');
    expect(() => workerProductThreads(1.5)).toThrow('got 1.5');
    const closing = new WasmKernels({ threads: workerProductThreads(2) });
    await whenReady(closing);
    closing.close();
    closing.close();
    expect(closing.threadCount).toBe(1);
    const a = randomMatrix(64, 100, random), b = randomMatrix(100, 64, random);
    const out = closing.matmul(a, b, Matrix.zeros(64, 64));
    expect(Array.from(out.data)).toEqual(Array.from(jsKernels.matmul(a, b, Matrix.zeros(64, 64)).data));
  });
});
