import { type FloatArray, jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { WasmKernels } from './wasm-kernels.js';

const random = new SeededRandom(11);

/** A copy of `matrix` made by `kernels.matrix` (so it lives in wasm memory). */
function resident(kernels: WasmKernels, matrix: Matrix): Matrix {
  const copy = kernels.matrix(matrix.rows, matrix.cols);
  copy.data.set(matrix.data);
  return copy;
}

function expectSameBits(actual: FloatArray, expected: FloatArray, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      expect.fail(`${what}: element ${i} is ${actual[i]} vs ${expected[i]} with js`);
  }
}

describe('WasmKernels with matrices in wasm memory', () => {
  it('makes zero-filled matrices in its own memory (Node has shared memory)', () => {
    const kernels = new WasmKernels();
    expect(kernels.resident).toBe(true);
    const m = kernels.matrix(3, 5);
    expect([m.rows, m.cols]).toEqual([3, 5]);
    expect(Array.from(m.data)).toEqual(new Array(15).fill(0));
    expect(m.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => kernels.matrix(-1, 2)).toThrow('Matrix: size -1×2 is invalid');
  });

  it('computes every kernel in place, with resident, staged and mixed operands, to the same bits as jsKernels', () => {
    const kernels = new WasmKernels();
    for (const [m, k, n] of [
      [1, 1, 1],
      [5, 3, 7],
      [13, 29, 11],
      [64, 100, 10],
    ]) {
      const a = randomMatrix(m, k, random),
        b = randomMatrix(k, n, random),
        bt = randomMatrix(n, k, random),
        at = randomMatrix(k, m, random);
      const start = randomMatrix(m, n, random);
      for (const placement of [
        'all resident',
        'operands resident, out staged',
        'out resident, operands staged',
      ] as const) {
        const operand = (x: Matrix) => (placement === 'out resident, operands staged' ? x : resident(kernels, x));
        const output = (x: Matrix) =>
          placement === 'operands resident, out staged' ? x.clone() : resident(kernels, x);
        for (const accumulate of [false, true]) {
          const what = `${m}×${k}×${n}, ${placement}, accumulate ${accumulate}`;
          expectSameBits(
            kernels.matmul(operand(a), operand(b), output(start), accumulate).data,
            jsKernels.matmul(a, b, start.clone(), accumulate).data,
            `matmul ${what}`,
          );
          expectSameBits(
            kernels.matmulTransposeA(operand(at), operand(b), output(start), accumulate).data,
            jsKernels.matmulTransposeA(at, b, start.clone(), accumulate).data,
            `matmulTransposeA ${what}`,
          );
          expectSameBits(
            kernels.matmulTransposeB(operand(a), operand(bt), output(start), accumulate).data,
            jsKernels.matmulTransposeB(a, bt, start.clone(), accumulate).data,
            `matmulTransposeB ${what}`,
          );
          const row = randomMatrix(1, n, random);
          expectSameBits(
            kernels.sumColumns(operand(start), output(row), accumulate).data,
            jsKernels.sumColumns(start, row.clone(), accumulate).data,
            `sumColumns ${what}`,
          );
        }
        const row = randomMatrix(1, n, random);
        expectSameBits(
          kernels.addRowVector(operand(start), operand(row), output(start)).data,
          jsKernels.addRowVector(start, row, start.clone()).data,
          `addRowVector ${placement}`,
        );
        expectSameBits(
          kernels.scale(-1.5, operand(start), output(start)).data,
          jsKernels.scale(-1.5, start, start.clone()).data,
          `scale ${placement}`,
        );
        expectSameBits(
          kernels.axpy(0.25, operand(start), output(start)).data,
          jsKernels.axpy(0.25, start, start.clone()).data,
          `axpy ${placement}`,
        );
        expect(
          Object.is(kernels.dot(operand(start), output(start)), jsKernels.dot(start, start)),
          `dot ${placement}`,
        ).toBe(true);
        expect(kernels.maxAbs(operand(start)), `maxAbs ${placement}`).toBe(jsKernels.maxAbs(start));
        expectSameBits(kernels.fill(0.5, output(start)).data, new Float64Array(m * n).fill(0.5), `fill ${placement}`);
      }
    }
  });

  it('keeps resident matrices valid while the memory grows (shared memory is never detached)', () => {
    const kernels = new WasmKernels();
    const small = resident(kernels, randomMatrix(4, 4, random));
    const values = small.data.slice();
    const before = kernels.memoryBytes;
    const big = kernels.matrix(1000, 1000); // 8 MB: forces the memory to grow
    expect(kernels.memoryBytes).toBeGreaterThan(before);
    expect(big.data.every((v) => v === 0)).toBe(true);
    expectSameBits(small.data, values, 'a resident matrix after growth');
    const b = randomMatrix(4, 3, random);
    expectSameBits(
      kernels.matmul(small, b, kernels.matrix(4, 3)).data,
      jsKernels.matmul(small, b, Matrix.zeros(4, 3)).data,
      'a product on it',
    );
  });

  it('reshapes a resident buffer in place when it is large enough, and allocates anew when not', () => {
    const kernels = new WasmKernels();
    const buffer = kernels.matrix(6, 4);
    expect(kernels.matrix(6, 4, buffer)).toBe(buffer);
    const smaller = kernels.matrix(2, 4, buffer);
    expect([smaller.rows, smaller.cols]).toEqual([2, 4]);
    expect(smaller.data.byteOffset).toBe(buffer.data.byteOffset);
    const back = kernels.matrix(6, 4, smaller); // the block still holds 24 values
    expect(back.data.byteOffset).toBe(buffer.data.byteOffset);
    const larger = kernels.matrix(7, 4, back);
    expect(larger.data.byteOffset).not.toBe(buffer.data.byteOffset);
    expect(larger.data.every((v) => v === 0)).toBe(true);
    const plain = Matrix.zeros(2, 2);
    const fromPlain = kernels.matrix(1, 2, plain); // a JavaScript matrix's storage is not reused
    expect(fromPlain.data.buffer).not.toBe(plain.data.buffer);
  });
});
