import { expectKernelShapes, jsKernels, type Kernels, type Matrix, sameShape } from '@bpnet/core';
import { WasmHeap } from './wasm-heap.js';
import { instantiateKernels, type KernelExports } from './wasm-module.js';

/** Doubles in the packed panels of a k×n right-hand operand (⌈n/4⌉ panels of k×4). */
function panelLength(k: number, n: number): number {
  return 4 * k * Math.ceil(n / 4);
}

/**
 * {@link Kernels} in WebAssembly SIMD (float64, `f64x2`), compiled from `assembly/kernels.ts`. The matrix products
 * are register-tiled (4×4 blocks of eight f64x2 accumulators over packed panels of the right-hand operand).
 *
 * Every result is the same bits as core's `jsKernels` gives: each output element of a product is summed over k in
 * ascending order from 0 (or from the old value when accumulating), whatever its position, and `dot` adds in index
 * order. So units that receive identical inputs stay bit-identical, as with the JS kernels.
 *
 * Each call copies its operands from the matrices' `Float64Array`s into the instance's own `WebAssembly.Memory`
 * (grown as needed), runs there and copies the result back. `map` and `zip`, which take JavaScript callbacks, run
 * in JavaScript (core's `jsKernels`).
 */
export class WasmKernels implements Kernels {
  readonly name = 'wasm';
  private readonly wasm: KernelExports;
  private readonly heap: WasmHeap;

  constructor() {
    const { exports, memory } = instantiateKernels(16);
    this.wasm = exports;
    this.heap = new WasmHeap(memory, exports.heapBase());
  }

  /** Bytes of WebAssembly memory this instance holds now (it grows to fit the largest call so far). */
  get memoryBytes(): number {
    return this.heap.byteLength;
  }

  matmul(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmul', a.cols === b.rows && out.rows === a.rows && out.cols === b.cols, a, b, out);
    return this.product('matmul', a, b, out, accumulate, a.rows, a.cols, b.cols);
  }

  matmulTransposeA(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmulTransposeA', a.rows === b.rows && out.rows === a.cols && out.cols === b.cols, a, b, out);
    // The wasm export takes its sizes in the order (k, m, n) of aᵀ: k rows of a, m columns.
    return this.product('matmulTransposeA', a, b, out, accumulate, a.rows, a.cols, b.cols);
  }

  matmulTransposeB(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmulTransposeB', a.cols === b.cols && out.rows === a.rows && out.cols === b.rows, a, b, out);
    return this.product('matmulTransposeB', a, b, out, accumulate, a.rows, a.cols, b.rows);
  }

  /** Copies the operands in (and `out` when accumulating), runs one of the three products, copies `out` back. */
  private product(
    kernel: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB',
    a: Matrix, b: Matrix, out: Matrix, accumulate: boolean,
    size0: number, size1: number, n: number,
  ): Matrix {
    const k = kernel === 'matmulTransposeA' ? size0 : size1;
    const [pa, pb, pc, scratch] = this.heap.layout(a.data.length, b.data.length, out.data.length, panelLength(k, n));
    this.heap.write(pa, a);
    this.heap.write(pb, b);
    if (accumulate) this.heap.write(pc, out);
    this.wasm[kernel](pa, pb, pc, size0, size1, n, accumulate ? 1 : 0, scratch);
    this.heap.read(pc, out);
    return out;
  }

  addRowVector(a: Matrix, row: Matrix, out: Matrix): Matrix {
    expectKernelShapes('addRowVector', row.rows === 1 && row.cols === a.cols && sameShape(a, out), a, row, out);
    const [pa, pr] = this.heap.layout(a.data.length, row.data.length);
    this.heap.write(pa, a);
    this.heap.write(pr, row);
    this.wasm.addRowVector(pa, pr, pa, a.rows, a.cols);
    this.heap.read(pa, out);
    return out;
  }

  sumColumns(a: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('sumColumns', out.rows === 1 && out.cols === a.cols, a, out);
    const [pa, pc] = this.heap.layout(a.data.length, out.data.length);
    this.heap.write(pa, a);
    if (accumulate) this.heap.write(pc, out);
    this.wasm.sumColumns(pa, pc, a.rows, a.cols, accumulate ? 1 : 0);
    this.heap.read(pc, out);
    return out;
  }

  map(a: Matrix, f: (x: number) => number, out: Matrix): Matrix {
    return jsKernels.map(a, f, out);
  }

  zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out: Matrix): Matrix {
    return jsKernels.zip(a, b, f, out);
  }

  scale(alpha: number, a: Matrix, out: Matrix): Matrix {
    expectKernelShapes('scale', sameShape(a, out), a, out);
    const [pa] = this.heap.layout(a.data.length);
    this.heap.write(pa, a);
    this.wasm.scale(alpha, pa, pa, a.data.length);
    this.heap.read(pa, out);
    return out;
  }

  axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
    expectKernelShapes('axpy', sameShape(x, y), x, y);
    const [px, py] = this.heap.layout(x.data.length, y.data.length);
    this.heap.write(px, x);
    this.heap.write(py, y);
    this.wasm.axpy(alpha, px, py, x.data.length);
    this.heap.read(py, y);
    return y;
  }

  dot(a: Matrix, b: Matrix): number {
    expectKernelShapes('dot', sameShape(a, b), a, b);
    const [pa, pb] = this.heap.layout(a.data.length, b.data.length);
    this.heap.write(pa, a);
    this.heap.write(pb, b);
    return this.wasm.dot(pa, pb, a.data.length);
  }
}
