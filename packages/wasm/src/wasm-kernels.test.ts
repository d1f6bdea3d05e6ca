import { type FloatArray, jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { workerProductThreads } from './node/worker-product-threads.js';
import { WasmKernels } from './wasm-kernels.js';

const wasm = new WasmKernels();
const random = new SeededRandom(3);

/** Sizes that hit every path: empty, one, the 4-wide panels and 4-row blocks, and what is left over after them. */
const SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17];

/** |w − j| ≤ 1e-12 · max(|w|, |j|) for every element (NaN only where both are NaN). */
function expectRelativelyClose(actual: FloatArray | number[], expected: FloatArray | number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const w = actual[i],
      j = expected[i];
    if (Number.isNaN(j)) {
      expect(w, `${what}: element ${i}`).toBeNaN();
      continue;
    }
    const scale = Math.max(Math.abs(w), Math.abs(j), 1e-300);
    if (!(Math.abs(w - j) <= 1e-12 * scale)) expect.fail(`${what}: element ${i} is ${w} with wasm vs ${j} with js`);
  }
}

/** The same bits (NaN equals NaN, 0 differs from −0). */
function expectSameBits(actual: FloatArray, expected: FloatArray, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      expect.fail(`${what}: element ${i} is ${actual[i]} with wasm vs ${expected[i]} with js`);
  }
}

/** A matrix whose old contents an accumulating kernel adds to. */
function filled(rows: number, cols: number): Matrix {
  return randomMatrix(rows, cols, random, 3);
}

type Product = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';

/** Operands of `product` giving an m×n result with inner size k. */
function operands(product: Product, m: number, k: number, n: number): [Matrix, Matrix] {
  const a = product === 'matmulTransposeA' ? randomMatrix(k, m, random) : randomMatrix(m, k, random);
  const b = product === 'matmulTransposeB' ? randomMatrix(n, k, random) : randomMatrix(k, n, random);
  return [a, b];
}

/** Runs `run` with both kernels on copies of the same `out`; returns [wasm's, js's]. */
function both(out: Matrix, run: (kernels: Kernels, out: Matrix) => Matrix): [Matrix, Matrix] {
  const wasmOut = out.clone(),
    jsOut = out.clone();
  expect(run(wasm, wasmOut)).toBe(wasmOut);
  expect(run(jsKernels, jsOut)).toBe(jsOut);
  return [wasmOut, jsOut];
}

describe('WasmKernels against jsKernels', () => {
  it('is named wasm', () => {
    expect(wasm.name).toBe('wasm');
  });

  for (const product of ['matmul', 'matmulTransposeA', 'matmulTransposeB'] as const) {
    it(`${product}: every shape m×k·k×n with m, k, n in {${SIZES.join(', ')}}, overwriting and accumulating`, () => {
      for (const m of SIZES) {
        for (const k of SIZES) {
          for (const n of SIZES) {
            const [a, b] = operands(product, m, k, n);
            for (const accumulate of [false, true]) {
              const [w, j] = both(filled(m, n), (kernels, out) => kernels[product](a, b, out, accumulate));
              expectRelativelyClose(w.data, j.data, `${product} ${m}×${k}·${k}×${n}, accumulate ${accumulate}`);
            }
          }
        }
      }
    });

    it(`${product}: random larger shapes`, () => {
      for (let trial = 0; trial < 12; trial++) {
        const [m, k, n] = [1 + random.integer(70), 1 + random.integer(130), 1 + random.integer(70)];
        const [a, b] = operands(product, m, k, n);
        const accumulate = trial % 2 === 1;
        const [w, j] = both(filled(m, n), (kernels, out) => kernels[product](a, b, out, accumulate));
        expectRelativelyClose(w.data, j.data, `${product} ${m}×${k}·${k}×${n}, accumulate ${accumulate}`);
      }
    });
  }

  it(
    'matmulAddRow gives the bits of matmul then addRowVector, on one thread ' +
      'and on two, and leaves a row it cannot reach to the caller',
    async () => {
      const threaded = new WasmKernels({ threads: workerProductThreads(2) });
      for (let waited = 0; !threaded.threadsReady; waited += 10) {
        if (waited > 20_000) throw new Error('the helper thread did not start within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const kernels of [wasm, threaded]) {
        // k > 256 splits the sums into k-blocks (the row is added once, to the finished sum); 64·300·20 is shared by
        // threads.
        for (const [m, k, n] of [
          [13, 29, 11],
          [64, 784, 10],
          [67, 301, 40],
          [64, 300, 20],
          [5, 3, 22],
          [1, 1, 1],
        ]) {
          const [a, b] = operands('matmul', m, k, n);
          const row = kernels.matrix(1, n);
          row.data.set(randomMatrix(1, n, random, 5).data);
          const expected = jsKernels.addRowVector(jsKernels.matmul(a, b, Matrix.zeros(m, n)), row, Matrix.zeros(m, n));
          const out = kernels.matrix(m, n);
          expect(kernels.fastPaths.matmulAddRow(a, b, row, out)).toBe(out);
          expectSameBits(
            out.data,
            expected.data,
            `matmulAddRow ${m}×${k}·${k}×${n} on ${kernels.threadCount} thread(s)`,
          );
        }
      }
      threaded.close();
      expect(
        wasm.fastPaths.matmulAddRow(Matrix.zeros(2, 3), Matrix.zeros(3, 4), Matrix.zeros(1, 4), Matrix.zeros(2, 4)),
      ).toBeUndefined();
      expect(() =>
        wasm.fastPaths.matmulAddRow(Matrix.zeros(2, 3), Matrix.zeros(3, 4), wasm.matrix(1, 3), Matrix.zeros(2, 4)),
      ).toThrow(
        'Kernels.matmulAddRow: operand shapes 2×3 · 3×4 + row 1×3 → 2×4 do ' +
          'not fit together (expected m×k · k×n + 1×n → m×n)',
      );
    },
  );

  it('the products are the same bits as jsKernels: each element is summed over k in the same order', () => {
    for (const product of ['matmul', 'matmulTransposeA', 'matmulTransposeB'] as const) {
      for (const [m, k, n] of [
        [13, 29, 11],
        [64, 784, 10],
        [67, 301, 9],
        [5, 3, 22],
        [1, 100, 1],
      ]) {
        const [a, b] = operands(product, m, k, n);
        for (const accumulate of [false, true]) {
          const [w, j] = both(filled(m, n), (kernels, out) => kernels[product](a, b, out, accumulate));
          expectSameBits(w.data, j.data, `${product} ${m}×${k}·${k}×${n}, accumulate ${accumulate}`);
        }
      }
    }
  });

  it('gives identical columns of b identical columns of the product, at every column position', () => {
    // Units with identical incoming weights must compute bit-identical values wherever they sit (full panel or the
    // zero-padded last one, 4-row block or left-over row).
    for (const n of [1, 2, 3, 5, 6, 7, 9, 22]) {
      const a = randomMatrix(9, 13, random, 5);
      const column = randomMatrix(13, 1, random, 5);
      const b = new Matrix(13, n);
      for (let p = 0; p < 13; p++) b.data.fill(column.data[p], p * n, (p + 1) * n);
      const out = wasm.matmul(a, b, Matrix.zeros(9, n));
      const bt = wasm.matmulTransposeB(
        a,
        new Matrix(
          n,
          13,
          new Float64Array(n * 13).map((_, i) => column.data[i % 13]),
        ),
        Matrix.zeros(9, n),
      );
      for (let i = 0; i < 9; i++) {
        for (let j = 1; j < n; j++) {
          expect(Object.is(out.get(i, j), out.get(i, 0))).toBe(true);
          expect(Object.is(bt.get(i, j), bt.get(i, 0))).toBe(true);
        }
      }
    }
  });

  it('addRowVector, sumColumns, scale, axpy and dot on every shape', () => {
    for (const m of SIZES) {
      for (const n of SIZES) {
        const what = `${m}×${n}`;
        const a = randomMatrix(m, n, random),
          b = randomMatrix(m, n, random),
          row = randomMatrix(1, n, random);
        let [w, j] = both(Matrix.zeros(m, n), (kernels, out) => kernels.addRowVector(a, row, out));
        expectSameBits(w.data, j.data, `addRowVector ${what}`);
        for (const accumulate of [false, true]) {
          [w, j] = both(filled(1, n), (kernels, out) => kernels.sumColumns(a, out, accumulate));
          expectRelativelyClose(w.data, j.data, `sumColumns ${what}, accumulate ${accumulate}`);
          expectSameBits(w.data, j.data, `sumColumns ${what}, accumulate ${accumulate}`);
        }
        [w, j] = both(Matrix.zeros(m, n), (kernels, out) => kernels.scale(-0.37, a, out));
        expectSameBits(w.data, j.data, `scale ${what}`);
        [w, j] = both(b, (kernels, y) => kernels.axpy(1.7, a, y));
        expectSameBits(w.data, j.data, `axpy ${what}`);
        expectRelativelyClose([wasm.dot(a, b)], [jsKernels.dot(a, b)], `dot ${what}`);
        expect(Object.is(wasm.dot(a, b), jsKernels.dot(a, b)), `dot ${what}`).toBe(true);
        expect(wasm.maxAbs(a), `maxAbs ${what}`).toBe(jsKernels.maxAbs(a));
        [w, j] = both(a, (kernels, out) => kernels.fill(-2.5, out));
        expectSameBits(w.data, j.data, `fill ${what}`);
      }
    }
  });

  it('works in place as the layers call it: addRowVector(out, bias, out), scale(α, a, a)', () => {
    const net = randomMatrix(7, 5, random),
      bias = randomMatrix(1, 5, random);
    const expected = jsKernels.addRowVector(net, bias, Matrix.zeros(7, 5));
    expect(wasm.addRowVector(net, bias, net)).toBe(net);
    expectSameBits(net.data, expected.data, 'addRowVector in place');
    const scaled = jsKernels.scale(0.5, net, Matrix.zeros(7, 5));
    expect(wasm.scale(0.5, net, net)).toBe(net);
    expectSameBits(net.data, scaled.data, 'scale in place');
  });

  it('treats ±0, ±∞, NaN and subnormals as jsKernels does', () => {
    const specials = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e308, -1e308, 1, -1];
    const pick = (rows: number, cols: number) =>
      new Matrix(
        rows,
        cols,
        Float64Array.from({ length: rows * cols }, () => specials[random.integer(specials.length)]),
      );
    for (let trial = 0; trial < 20; trial++) {
      const [m, k, n] = [1 + random.integer(6), random.integer(6), 1 + random.integer(6)];
      const a = pick(m, k),
        b = pick(k, n),
        bt = pick(n, k),
        at = pick(k, m);
      for (const accumulate of [false, true]) {
        const start = pick(m, n);
        let [w, j] = both(start, (kernels, out) => kernels.matmul(a, b, out, accumulate));
        expectSameBits(w.data, j.data, 'matmul with special values');
        [w, j] = both(start, (kernels, out) => kernels.matmulTransposeA(at, b, out, accumulate));
        expectSameBits(w.data, j.data, 'matmulTransposeA with special values');
        [w, j] = both(start, (kernels, out) => kernels.matmulTransposeB(a, bt, out, accumulate));
        expectSameBits(w.data, j.data, 'matmulTransposeB with special values');
        [w, j] = both(pick(1, n), (kernels, out) => kernels.sumColumns(start, out, accumulate));
        expectSameBits(w.data, j.data, 'sumColumns with special values');
      }
      const x = pick(m, n),
        y = pick(m, n);
      expect(Object.is(wasm.dot(x, y), jsKernels.dot(x, y))).toBe(true);
      expect(wasm.maxAbs(x), 'maxAbs with special values').toBe(jsKernels.maxAbs(x));
      const [w, j] = both(y, (kernels, out) => kernels.axpy(-2, x, out));
      expectSameBits(w.data, j.data, 'axpy with special values');
    }
  });

  it('runs map and zip through the JS callbacks', () => {
    const a = randomMatrix(3, 4, random),
      b = randomMatrix(3, 4, random);
    expectSameBits(wasm.map(a, Math.tanh, Matrix.zeros(3, 4)).data, a.data.map(Math.tanh), 'map');
    expectSameBits(
      wasm.zip(a, b, (x, y) => x * y - 1, Matrix.zeros(3, 4)).data,
      a.data.map((x, i) => x * b.data[i] - 1),
      'zip',
    );
  });

  it('grows its memory for large operands and keeps working on small ones after', () => {
    const kernels = new WasmKernels();
    const before = kernels.memoryBytes;
    const [a, b] = operands('matmul', 64, 784, 128);
    const big = kernels.matmul(a, b, Matrix.zeros(64, 128));
    expectSameBits(big.data, jsKernels.matmul(a, b, Matrix.zeros(64, 128)).data, 'matmul 64×784·784×128');
    expect(kernels.memoryBytes).toBeGreaterThan(before);
    const [c, d] = operands('matmul', 3, 2, 5);
    expectSameBits(
      kernels.matmul(c, d, Matrix.zeros(3, 5)).data,
      jsKernels.matmul(c, d, Matrix.zeros(3, 5)).data,
      'a small product after growing',
    );
  });

  it('rejects operands whose shapes do not fit, with the message jsKernels gives', () => {
    const cases: [string, (kernels: Kernels) => unknown][] = [
      ['matmul', (k) => k.matmul(Matrix.zeros(2, 3), Matrix.zeros(2, 3), Matrix.zeros(2, 3))],
      ['matmulTransposeA', (k) => k.matmulTransposeA(Matrix.zeros(2, 3), Matrix.zeros(3, 3), Matrix.zeros(3, 3))],
      ['matmulTransposeB', (k) => k.matmulTransposeB(Matrix.zeros(2, 3), Matrix.zeros(4, 2), Matrix.zeros(2, 4))],
      ['addRowVector', (k) => k.addRowVector(Matrix.zeros(2, 3), Matrix.zeros(1, 2), Matrix.zeros(2, 3))],
      ['sumColumns', (k) => k.sumColumns(Matrix.zeros(2, 3), Matrix.zeros(1, 2))],
      ['scale', (k) => k.scale(2, Matrix.zeros(2, 3), Matrix.zeros(3, 2))],
      ['axpy', (k) => k.axpy(2, Matrix.zeros(2, 3), Matrix.zeros(3, 2))],
      ['dot', (k) => k.dot(Matrix.zeros(2, 3), Matrix.zeros(3, 2))],
    ];
    for (const [name, call] of cases) {
      let message = '';
      try {
        call(jsKernels);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, name).toContain(`Kernels.${name}:`);
      expect(() => call(wasm), name).toThrow(message);
    }
  });
});
