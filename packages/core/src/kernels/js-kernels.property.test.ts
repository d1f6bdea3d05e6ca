import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsKernels } from './js-kernels.js';
import { Matrix } from './matrix.js';

/**
 * Every JsKernels method against a naive loop, on random shapes with 0 and 1 sizes and random finite doubles
 * (−0 and subnormals included). Element-wise results must be bit-identical. Products and column sums without
 * `accumulate` must equal the ascending-k sum bit for bit (the summation order JsKernels documents); with
 * `accumulate`, within 1e-12 of Σ|terms|, since adding the old value first or last may round differently.
 */

const kernels = new JsKernels();
const RUNS = { numRuns: 300, interruptAfterTimeLimit: 2_000 } as const;
const RELATIVE_TOLERANCE = 1e-12;

const size = fc.integer({ min: 0, max: 7 });
/** Finite doubles of any magnitude, for element-wise operations. */
const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Finite doubles whose products and sums of up to 8 terms cannot overflow. */
const bounded = fc.oneof(fc.double({ min: -1e100, max: 1e100, noNaN: true }), fc.integer({ min: -5, max: 5 }));

/**
 * A random rows × cols matrix. The arbitrary yields a factory, so every run (and every replay while shrinking)
 * gets fresh matrices: kernels write into their operands.
 */
function matrix(rows: number, cols: number, value: fc.Arbitrary<number> = bounded): fc.Arbitrary<() => Matrix> {
  return fc.array(value, { minLength: rows * cols, maxLength: rows * cols }).map((data) =>
    Object.assign(() => new Matrix(rows, cols, Float64Array.from(data)), {
      toString: () => `${rows}×${cols} ${JSON.stringify(data)}`,
    }),
  );
}

/** What `out` holds before a kernel runs: NaN (which a non-accumulating kernel must overwrite) or random values. */
function initialOut(rows: number, cols: number, accumulate: boolean): fc.Arbitrary<() => Matrix> {
  if (accumulate) return matrix(rows, cols);
  return fc.oneof(matrix(rows, cols, fc.constant(Number.NaN)), matrix(rows, cols, anyFinite));
}

function expectExactly(actual: Matrix, expected: readonly number[], what: string): void {
  expect(actual.data.length, what).toBe(expected.length);
  actual.data.forEach((value, i) => {
    if (!Object.is(value, expected[i]))
      throw new Error(`${what}: element ${i} is ${value}, expected exactly ${expected[i]}`);
  });
}

/** |actual − expected| ≤ 1e-12 · bound, where bound is Σ|terms| of the element (0 bound: exact). */
function expectWithin(actual: Matrix, expected: readonly number[], bounds: readonly number[], what: string): void {
  expect(actual.data.length, what).toBe(expected.length);
  actual.data.forEach((value, i) => {
    if (!(Math.abs(value - expected[i]) <= RELATIVE_TOLERANCE * bounds[i])) {
      throw new Error(
        `${what}: element ${i} is ${value}, expected ${expected[i]} within ${RELATIVE_TOLERANCE} · ${bounds[i]}`,
      );
    }
  });
}

function expectUnchanged(before: readonly Matrix[], after: readonly Matrix[]): void {
  after.forEach((matrix, k) => expectExactly(matrix, Array.from(before[k].data), `operand ${k} changed`));
}

type Product = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';

/** The operand shapes of out (m×n) = op(a) · op(b) with inner size k. */
function operandShapes(
  product: Product,
  m: number,
  k: number,
  n: number,
): { a: [number, number]; b: [number, number] } {
  switch (product) {
    case 'matmul':
      return { a: [m, k], b: [k, n] };
    case 'matmulTransposeA':
      return { a: [k, m], b: [k, n] };
    case 'matmulTransposeB':
      return { a: [m, k], b: [n, k] };
  }
}

/** Naive out_ij = init_ij + Σ_p op(a)_ip op(b)_pj, summing p ascending from 0 and adding init last. */
function naiveProduct(
  product: Product,
  a: Matrix,
  b: Matrix,
  m: number,
  k: number,
  n: number,
  init: Matrix | undefined,
) {
  const opA = (i: number, p: number) => (product === 'matmulTransposeA' ? a.get(p, i) : a.get(i, p));
  const opB = (p: number, j: number) => (product === 'matmulTransposeB' ? b.get(j, p) : b.get(p, j));
  const values: number[] = [];
  const bounds: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let bound = 0;
      for (let p = 0; p < k; p++) {
        const term = opA(i, p) * opB(p, j);
        sum += term;
        bound += Math.abs(term);
      }
      const old = init === undefined ? 0 : init.get(i, j);
      values.push(init === undefined ? sum : old + sum);
      bounds.push(bound + Math.abs(old));
    }
  }
  return { values, bounds };
}

const productCase = fc
  .record({
    product: fc.constantFrom<Product>('matmul', 'matmulTransposeA', 'matmulTransposeB'),
    m: size,
    k: size,
    n: size,
    accumulate: fc.constantFrom<boolean | undefined>(undefined, false, true),
  })
  .chain(({ product, m, k, n, accumulate }) => {
    const { a, b } = operandShapes(product, m, k, n);
    return fc.record({
      product: fc.constant(product),
      m: fc.constant(m),
      k: fc.constant(k),
      n: fc.constant(n),
      accumulate: fc.constant(accumulate),
      a: matrix(...a),
      b: matrix(...b),
      out: initialOut(m, n, accumulate === true),
    });
  });

describe('JsKernels against naive loops', () => {
  it('matmul, matmulTransposeA and matmulTransposeB, with and without accumulate', () => {
    fc.assert(
      fc.property(productCase, ({ product, m, k, n, accumulate, a: makeA, b: makeB, out: makeOut }) => {
        const [a, b, out] = [makeA(), makeB(), makeOut()];
        const operands = [a.clone(), b.clone()];
        const init = accumulate === true ? out.clone() : undefined;
        const expected = naiveProduct(product, a, b, m, k, n, init);
        const result = accumulate === undefined ? kernels[product](a, b, out) : kernels[product](a, b, out, accumulate);
        expect(result).toBe(out);
        expect([out.rows, out.cols]).toEqual([m, n]);
        if (accumulate === true)
          expectWithin(out, expected.values, expected.bounds, `${product} accumulate (${m}×${k}×${n})`);
        else expectExactly(out, expected.values, `${product} (${m}×${k}×${n})`);
        expectUnchanged(operands, [a, b]);
      }),
      { seed: 101, ...RUNS },
    );
  });

  it('products reject operands whose shapes do not fit, before writing anything', () => {
    const mismatch = fc.record({
      product: fc.constantFrom<Product>('matmul', 'matmulTransposeA', 'matmulTransposeB'),
      m: size,
      k: size,
      n: size,
      which: fc.constantFrom('a', 'b', 'out'),
      delta: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(mismatch, ({ product, m, k, n, which, delta }) => {
        const shapes = operandShapes(product, m, k, n);
        const out = new Matrix(
          m + (which === 'out' ? delta : 0),
          n,
          new Float64Array((m + (which === 'out' ? delta : 0)) * n).fill(7),
        );
        const a = new Matrix(shapes.a[0], shapes.a[1] + (which === 'a' ? delta : 0));
        const b = new Matrix(shapes.b[0] + (which === 'b' ? delta : 0), shapes.b[1]);
        expect(() => kernels[product](a, b, out)).toThrow(`Kernels.${product}: operand shapes`);
        expect(out.data.every((value) => value === 7)).toBe(true);
      }),
      { seed: 102, ...RUNS },
    );
  });

  it('addRowVector adds the row to every row, exactly', () => {
    const addCase = fc
      .record({ m: size, n: size })
      .chain(({ m, n }) =>
        fc.record({ a: matrix(m, n, anyFinite), row: matrix(1, n, anyFinite), out: initialOut(m, n, false) }),
      );
    fc.assert(
      fc.property(addCase, ({ a: makeA, row: makeRow, out: makeOut }) => {
        const [a, row, out] = [makeA(), makeRow(), makeOut()];
        const operands = [a.clone(), row.clone()];
        const expected: number[] = [];
        for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) expected.push(a.get(i, j) + row.get(0, j));
        expect(kernels.addRowVector(a, row, out)).toBe(out);
        expectExactly(out, expected, `addRowVector (${a.shape})`);
        expectUnchanged(operands, [a, row]);
      }),
      { seed: 103, ...RUNS },
    );
  });

  it('sumColumns, with and without accumulate', () => {
    const sumCase = fc
      .record({ m: size, n: size, accumulate: fc.constantFrom<boolean | undefined>(undefined, false, true) })
      .chain(({ m, n, accumulate }) =>
        fc.record({ accumulate: fc.constant(accumulate), a: matrix(m, n), out: initialOut(1, n, accumulate === true) }),
      );
    fc.assert(
      fc.property(sumCase, ({ accumulate, a: makeA, out: makeOut }) => {
        const [a, out] = [makeA(), makeOut()];
        const operand = a.clone();
        const init = out.clone();
        const values: number[] = [];
        const bounds: number[] = [];
        for (let j = 0; j < a.cols; j++) {
          let sum = 0;
          let bound = 0;
          for (let i = 0; i < a.rows; i++) {
            sum += a.get(i, j);
            bound += Math.abs(a.get(i, j));
          }
          values.push(accumulate === true ? init.get(0, j) + sum : sum);
          bounds.push(bound + (accumulate === true ? Math.abs(init.get(0, j)) : 0));
        }
        const result = accumulate === undefined ? kernels.sumColumns(a, out) : kernels.sumColumns(a, out, accumulate);
        expect(result).toBe(out);
        if (accumulate === true) expectWithin(out, values, bounds, `sumColumns accumulate (${a.shape})`);
        else expectExactly(out, values, `sumColumns (${a.shape})`);
        expectUnchanged([operand], [a]);
      }),
      { seed: 104, ...RUNS },
    );
  });

  const unary: [string, (x: number) => number][] = [
    ['tanh', Math.tanh],
    ['square', (x) => x * x],
    ['sigmoid', (x) => 1 / (1 + Math.exp(-x))],
    ['negate', (x) => -x],
    ['abs', Math.abs],
  ];

  it('map applies f to every element, exactly', () => {
    const mapCase = fc
      .record({ m: size, n: size, f: fc.constantFrom(...unary) })
      .chain(({ m, n, f }) =>
        fc.record({ f: fc.constant(f), a: matrix(m, n, anyFinite), out: initialOut(m, n, false) }),
      );
    fc.assert(
      fc.property(mapCase, ({ f: [name, f], a: makeA, out: makeOut }) => {
        const [a, out] = [makeA(), makeOut()];
        const operand = a.clone();
        expect(kernels.map(a, f, out)).toBe(out);
        expectExactly(
          out,
          Array.from(a.data, (x) => f(x)),
          `map ${name} (${a.shape})`,
        );
        expectUnchanged([operand], [a]);
      }),
      { seed: 105, ...RUNS },
    );
  });

  const binary: [string, (x: number, y: number) => number][] = [
    ['add', (x, y) => x + y],
    ['multiply', (x, y) => x * y],
    ['x − 2y', (x, y) => x - 2 * y],
    ['max', Math.max],
    ['atan2', Math.atan2],
  ];

  it('zip applies f to every pair of elements, exactly', () => {
    const zipCase = fc.record({ m: size, n: size, f: fc.constantFrom(...binary) }).chain(({ m, n, f }) =>
      fc.record({
        f: fc.constant(f),
        a: matrix(m, n, anyFinite),
        b: matrix(m, n, anyFinite),
        out: initialOut(m, n, false),
      }),
    );
    fc.assert(
      fc.property(zipCase, ({ f: [name, f], a: makeA, b: makeB, out: makeOut }) => {
        const [a, b, out] = [makeA(), makeB(), makeOut()];
        const operands = [a.clone(), b.clone()];
        expect(kernels.zip(a, b, f, out)).toBe(out);
        expectExactly(
          out,
          Array.from(a.data, (x, i) => f(x, b.data[i])),
          `zip ${name} (${a.shape})`,
        );
        expectUnchanged(operands, [a, b]);
      }),
      { seed: 106, ...RUNS },
    );
  });

  it('scale multiplies every element by alpha, exactly', () => {
    const scaleCase = fc
      .record({ m: size, n: size })
      .chain(({ m, n }) => fc.record({ alpha: anyFinite, a: matrix(m, n, anyFinite), out: initialOut(m, n, false) }));
    fc.assert(
      fc.property(scaleCase, ({ alpha, a: makeA, out: makeOut }) => {
        const [a, out] = [makeA(), makeOut()];
        const operand = a.clone();
        expect(kernels.scale(alpha, a, out)).toBe(out);
        expectExactly(
          out,
          Array.from(a.data, (x) => alpha * x),
          `scale ${alpha} (${a.shape})`,
        );
        expectUnchanged([operand], [a]);
      }),
      { seed: 107, ...RUNS },
    );
  });

  it('axpy adds alpha·x to y in place, exactly', () => {
    const axpyCase = fc
      .record({ m: size, n: size })
      .chain(({ m, n }) => fc.record({ alpha: anyFinite, x: matrix(m, n, anyFinite), y: matrix(m, n, anyFinite) }));
    fc.assert(
      fc.property(axpyCase, ({ alpha, x: makeX, y: makeY }) => {
        const [x, y] = [makeX(), makeY()];
        const operand = x.clone();
        const expected = Array.from(y.data, (value, i) => value + alpha * x.data[i]);
        expect(kernels.axpy(alpha, x, y)).toBe(y);
        expectExactly(y, expected, `axpy ${alpha} (${x.shape})`);
        expectUnchanged([operand], [x]);
      }),
      { seed: 108, ...RUNS },
    );
  });

  it('dot sums the element-wise products', () => {
    const dotCase = fc
      .record({ m: size, n: size })
      .chain(({ m, n }) => fc.record({ a: matrix(m, n), b: matrix(m, n) }));
    fc.assert(
      fc.property(dotCase, ({ a: makeA, b: makeB }) => {
        const [a, b] = [makeA(), makeB()];
        const operands = [a.clone(), b.clone()];
        let expected = 0;
        let bound = 0;
        for (let i = 0; i < a.rows; i++) {
          for (let j = 0; j < a.cols; j++) {
            expected += a.get(i, j) * b.get(i, j);
            bound += Math.abs(a.get(i, j) * b.get(i, j));
          }
        }
        const actual = kernels.dot(a, b);
        if (!(Math.abs(actual - expected) <= RELATIVE_TOLERANCE * bound)) {
          throw new Error(`dot (${a.shape}): ${actual}, expected ${expected} within ${RELATIVE_TOLERANCE} · ${bound}`);
        }
        expectUnchanged(operands, [a, b]);
      }),
      { seed: 109, ...RUNS },
    );
  });

  it('element-wise kernels and dot reject operands of different shapes', () => {
    const mismatch = fc
      .record({ m: size, n: size, dm: fc.integer({ min: 0, max: 2 }), dn: fc.integer({ min: 0, max: 2 }) })
      .filter(({ dm, dn }) => dm + dn > 0);
    fc.assert(
      fc.property(mismatch, ({ m, n, dm, dn }) => {
        const a = new Matrix(m, n);
        const other = new Matrix(m + dm, n + dn);
        expect(() => kernels.zip(a, other, (x, y) => x + y, a.clone())).toThrow('Kernels.zip: operand shapes');
        expect(() => kernels.map(a, (x) => x, other)).toThrow('Kernels.map: operand shapes');
        expect(() => kernels.scale(2, a, other)).toThrow('Kernels.scale: operand shapes');
        expect(() => kernels.axpy(2, a, other)).toThrow('Kernels.axpy: operand shapes');
        expect(() => kernels.dot(a, other)).toThrow('Kernels.dot: operand shapes');
        expect(() => kernels.addRowVector(a, new Matrix(1, n + dn + (dm > 0 ? 1 : 0)), a.clone())).toThrow(
          'Kernels.addRowVector: operand shapes',
        );
      }),
      { seed: 110, ...RUNS },
    );
  });
});
