import { type FloatArray, jsKernels, type Kernels, Matrix } from '@bpnet/core';
import { expectKernelShapes, type KernelFastPaths, sameShape, type StandardActivation } from '@bpnet/core/plugin';
import {
  controlSlots,
  MAX_THREADS,
  type ProductCall,
  type ProductThreads,
  type ProductThreadsFactory,
} from './product-threads.js';
import { ResidentMatrix } from './resident-matrix.js';
import { WasmArena } from './wasm-arena.js';
import {
  instantiateKernels,
  type KernelSet,
  kernelSet,
  type Precision,
  productIndex,
  type ProductKernel,
} from './wasm-module.js';

/** Rows of k a product packs per panel slice (DEPTH_BLOCK in assembly/products.ts). */
const DEPTH_BLOCK = 256;

/** Elements of A (m·k) from which it is packed before a product: a smaller A stays in L1 as it is. */
const PACK_A_MIN_ELEMENTS = 4096;

/** Pages of memory a new instance starts with (1 MiB). */
const INITIAL_PAGES = 16;

/** Multiply-adds (m·k·n) below which a product runs on the calling thread alone: waking a helper costs more. */
const THREADED_PRODUCT_MIN_MACS = 1 << 18;

/** Options of {@link WasmKernels}. */
export interface WasmKernelsOptions {
  /**
   * The element type of the matrices the kernels make and compute in: `'float64'` (the default, the same bits as
   * core's JavaScript kernels) or `'float32'` (twice the vector width; results agree with float64 to about 1e-6
   * relative per operation). Matrices from elsewhere are converted when they are copied in.
   */
  readonly precision?: Precision;
  /**
   * Threads to share large matrix products (`workerProductThreads()` from `@bpnet/wasm/node`). They need shared
   * memory; without it, or without this option, everything runs on the calling thread.
   */
  readonly threads?: ProductThreadsFactory;
}

/** Stops an instance's helper threads once the instance itself is garbage. */
const threadsOfDroppedKernels = new FinalizationRegistry<ProductThreads>((threads) => threads.close());

/**
 * {@link Kernels} in WebAssembly SIMD, compiled from `assembly/`: float64 (`f64x2`, the default) or float32
 * (`f32x4`). The matrix products are register-tiled (4-row blocks of eight vector accumulators over packed panels
 * of the right-hand operand, blocked over k), optionally shared among threads by panels.
 *
 * In float64 every result except the logistic function's is the same bits as core's `jsKernels` gives: each output
 * element of a product is summed over k in ascending order from 0 (or from the old value when accumulating),
 * whatever its position or thread, and `dot` adds in index order. So units that receive identical inputs stay
 * bit-identical, as with the JS kernels.
 *
 * Matrices made by {@link WasmKernels.matrix} (which layers, parameters and the trainer's batches use) live in the
 * instance's own shared `WebAssembly.Memory`, and kernels compute on them in place. Any other matrix is copied in for
 * the call and its result copied back, so every matrix works, resident or not. A resident matrix's memory is held
 * until the instance itself is dropped (one instance per container; see `wasmKernelsModule`). Where shared memory is
 * unavailable (a browser page that is not cross-origin isolated) nothing is resident and every operand is copied.
 * `map` and `zip`, which take JavaScript callbacks, run in JavaScript on the matrices where they are.
 */
export class WasmKernels implements Kernels {
  readonly name: string;
  /**
   * Every fast path (see `KernelFastPaths`), each declining what it cannot do here: `matmulAddRow` (x·W + 1·b in
   * one pass, the same bits as `matmul` then `addRowVector`) when the row is resident in this instance's memory;
   * `copyRows` for float64 rows into a resident float32 matrix; `activation` and `activationBackward` for
   * `'logistic'`. Layers and the trainer reach them through core's `withFastPath`.
   */
  readonly fastPaths: Required<KernelFastPaths>;
  /** The element type of the matrices this instance makes and computes in. */
  readonly precision: Precision;
  private readonly wasm: KernelSet;
  /** Each product's index for the threads (`PRODUCT_EXPORTS`), in this precision. */
  private readonly productIndices: Readonly<Record<ProductKernel, number>>;
  private readonly arena: WasmArena;
  private threads: ProductThreads | undefined;
  private readonly offsets = [-1, -1, -1, -1];
  /** Whether the last `place` staged its `out` (so `settle` copies the result back). */
  private outStaged = false;
  private readonly call: { -readonly [K in keyof ProductCall]: ProductCall[K] } = {
    kernel: 0,
    a: 0,
    b: 0,
    out: 0,
    size0: 0,
    size1: 0,
    n: 0,
    accumulate: 0,
    scratch: 0,
    packedA: 0,
    panels: 0,
    row: 0,
  };

  constructor(options: WasmKernelsOptions = {}) {
    this.precision = options.precision ?? 'float64';
    if (this.precision !== 'float64' && this.precision !== 'float32') {
      throw new Error(`WasmKernels: precision must be 'float64' or 'float32', got ${JSON.stringify(this.precision)}`);
    }
    this.name = this.precision === 'float64' ? 'wasm' : 'wasm-float32';
    const instance = instantiateKernels(INITIAL_PAGES);
    this.wasm = kernelSet(instance.exports, this.precision);
    const precision = this.precision;
    this.productIndices = {
      matmul: productIndex('matmul', precision),
      matmulTransposeA: productIndex('matmulTransposeA', precision),
      matmulTransposeB: productIndex('matmulTransposeB', precision),
    };
    this.arena = new WasmArena(
      instance.memory,
      instance.exports.heapBase(),
      instance.shared,
      this.precision,
      instance.exports,
    );
    if (options.threads !== undefined && instance.shared) {
      const slots = controlSlots(MAX_THREADS);
      // The block is counted in the arena's elements (8 or 4 bytes); the control block is Int32 slots.
      const block = this.arena.allocate(Math.ceil((slots * 4) / this.arena.elementBytes)) as FloatArray;
      this.threads = options.threads(instance, new Int32Array(block.buffer, block.byteOffset, slots));
      threadsOfDroppedKernels.register(this, this.threads, this);
    }
    this.fastPaths = {
      matmulAddRow: (a, b, row, out) => this.matmulAddRow(a, b, row, out),
      copyRows: (rows, count, out) => this.copyRows(rows, count, out),
      activation: (f, net, out) => this.activation(f, net, out),
      activationBackward: (f, sensitivity, output, out) => this.activationBackward(f, sensitivity, output, out),
    };
  }

  /** Threads that share large products (1 when they run on the calling thread only). */
  get threadCount(): number {
    return this.threads?.count ?? 1;
  }

  /**
   * Whether the helper threads have started (they start asynchronously; until then products run on the calling thread).
   */
  get threadsReady(): boolean {
    return this.threads?.ready ?? false;
  }

  /** Stops the helper threads, if any; products then run on the calling thread. Idempotent. */
  close(): void {
    if (this.threads === undefined) return;
    threadsOfDroppedKernels.unregister(this);
    this.threads.close();
    this.threads = undefined;
  }

  /** Bytes of WebAssembly memory this instance holds now. */
  get memoryBytes(): number {
    return this.arena.byteLength;
  }

  /**
   * Whether {@link WasmKernels.matrix} places matrices in WebAssembly memory (it does wherever shared memory exists).
   */
  get resident(): boolean {
    return this.arena.resident;
  }

  /**
   * `reuse` when it is `rows × cols`; else a view of `reuse`'s block when it is resident and large enough; else a new
   * resident zero matrix.
   */
  matrix(rows: number, cols: number, reuse?: Matrix): Matrix {
    if (reuse !== undefined && reuse.rows === rows && reuse.cols === cols) return reuse;
    const validSize = Number.isSafeInteger(rows) && rows >= 0 && Number.isSafeInteger(cols) && cols >= 0;
    if (!validSize || !this.arena.resident) return Matrix.zeros(rows, cols); // Matrix reports an invalid size
    const length = rows * cols;
    if (reuse !== undefined && this.offsetOf(reuse) >= 0 && (reuse as ResidentMatrix).capacity >= length) {
      const block = reuse as ResidentMatrix;
      return new ResidentMatrix(rows, cols, this.arena.viewAt(block.address, length), this.arena, block.capacity);
    }
    const data = this.arena.allocate(length);
    return data === undefined ? Matrix.zeros(rows, cols) : new ResidentMatrix(rows, cols, data, this.arena, length);
  }

  /** The byte offset of `m`'s elements when they live in this instance's memory, or −1 (then they are staged). */
  private offsetOf(m: Matrix): number {
    // A plain Matrix has no `arena`, so one property read tells resident matrices of this instance apart.
    return (m as Partial<ResidentMatrix>).arena === this.arena ? (m as ResidentMatrix).address : -1;
  }

  matmul(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmul', a.cols === b.rows && out.rows === a.rows && out.cols === b.cols, a, b, out);
    return this.product('matmul', a, b, out, accumulate, a.rows, a.cols, b.cols);
  }

  /**
   * The `matmulAddRow` fast path: out = a · b + 1·row in one pass, the row vector added to each finished sum as it
   * is stored, the same bits as matmul then addRowVector. `undefined` (nothing done) when `row` is not resident in
   * this instance's memory.
   */
  private matmulAddRow(a: Matrix, b: Matrix, row: Matrix, out: Matrix): Matrix | undefined {
    if (!(a.cols === b.rows && out.rows === a.rows && out.cols === b.cols && row.rows === 1 && row.cols === b.cols)) {
      throw new Error(
        `Kernels.matmulAddRow: operand shapes ${a.shape} · ${b.shape} + row ${row.shape} → ` +
          `${out.shape} do not fit together (expected m×k · k×n + 1×n → m×n)`,
      );
    }
    const at = this.offsetOf(row);
    return at < 0 ? undefined : this.product('matmul', a, b, out, false, a.rows, a.cols, b.cols, at);
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

  /**
   * Runs one of the three products where its operands are (staging those that are not resident), adding the resident
   * row vector at byte offset `row` to every output row when it is not 0.
   */
  private product(
    kernel: ProductKernel,
    a: Matrix,
    b: Matrix,
    out: Matrix,
    accumulate: boolean,
    size0: number,
    size1: number,
    n: number,
    row = 0,
  ): Matrix {
    const transposeA = kernel === 'matmulTransposeA';
    const k = transposeA ? size0 : size1;
    const m = transposeA ? size1 : size0;
    const e = this.arena.elementBytes;
    const panels = Math.ceil(n / (32 / e)); // a panel is two vectors wide
    // A panel-slice buffer of one k-block (all of k when the sum is added to out at the end) of 32-byte rows per
    // panel; with more than one panel every row block of A is read once per panel, so A is first packed too.
    const depth = kernel === 'matmulTransposeB' && accumulate ? k : Math.min(k, DEPTH_BLOCK);
    const sliceBytes = panels * depth * 32;
    const packedBytes = panels > 1 && m * k >= PACK_A_MIN_ELEMENTS ? 4 * k * Math.floor(m / 4) * e : 0;
    const offsets = this.place(a, b, out, accumulate, sliceBytes + packedBytes);
    const pa = offsets[0],
      pb = offsets[1],
      pc = offsets[2],
      scratch = offsets[3];
    const packedA = packedBytes > 0 ? scratch + sliceBytes : 0;
    if (packedA !== 0) this.wasm.packRows(pa, transposeA ? e : k * e, transposeA ? m * e : e, m, k, packedA);
    const flag = accumulate ? 1 : 0;
    if (this.threads !== undefined && panels > 1 && m * k * n >= THREADED_PRODUCT_MIN_MACS) {
      const call = this.call;
      call.kernel = this.productIndices[kernel];
      call.a = pa;
      call.b = pb;
      call.out = pc;
      call.size0 = size0;
      call.size1 = size1;
      call.n = n;
      call.accumulate = flag;
      call.scratch = scratch;
      call.packedA = packedA;
      call.panels = panels;
      call.row = row;
      if (!this.threads.run(call))
        this.wasm[kernel](pa, pb, pc, size0, size1, n, flag, scratch, packedA, 0, panels, row);
    } else {
      this.wasm[kernel](pa, pb, pc, size0, size1, n, flag, scratch, packedA, 0, panels, row);
    }
    this.settle(out, pc);
    return out;
  }

  addRowVector(a: Matrix, row: Matrix, out: Matrix): Matrix {
    expectKernelShapes('addRowVector', row.rows === 1 && row.cols === a.cols && sameShape(a, out), a, row, out);
    const at = this.place(a, row, out, false, 0);
    this.wasm.addRowVector(at[0], at[1], at[2], a.rows, a.cols);
    this.settle(out, at[2]);
    return out;
  }

  sumColumns(a: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('sumColumns', out.rows === 1 && out.cols === a.cols, a, out);
    const at = this.place(a, undefined, out, accumulate, 0);
    this.wasm.sumColumns(at[0], at[2], a.rows, a.cols, accumulate ? 1 : 0);
    this.settle(out, at[2]);
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
    const at = this.place(a, undefined, out, false, 0);
    this.wasm.scale(alpha, at[0], at[2], a.data.length);
    this.settle(out, at[2]);
    return out;
  }

  axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
    expectKernelShapes('axpy', sameShape(x, y), x, y);
    const at = this.place(x, undefined, y, true, 0);
    this.wasm.axpy(alpha, at[0], at[2], x.data.length);
    this.settle(y, at[2]);
    return y;
  }

  /**
   * The `activation` fast path: the logistic function 1 / (1 + e^−x) in SIMD, in this instance's precision: e^x by
   * range reduction and a polynomial (in float64 with a table of 2^(j/256), within 2 ulp of core's sigmoid; in
   * float32 of degree 7, within 3 float32 ulp). `undefined` for any other function.
   */
  private activation(f: StandardActivation, net: Matrix, out: Matrix): Matrix | undefined {
    if (f !== 'logistic') return undefined;
    expectKernelShapes('activation', sameShape(net, out), net, out);
    const at = this.place(net, undefined, out, false, 0);
    this.wasm.logistic(at[0], at[2], net.data.length);
    this.settle(out, at[2]);
    return out;
  }

  /**
   * The `activationBackward` fast path: (s · y) · (1 − y) for the logistic function (in float64, the same bits as
   * its JavaScript backward). `undefined` for any other function.
   */
  private activationBackward(
    f: StandardActivation,
    sensitivity: Matrix,
    output: Matrix,
    out: Matrix,
  ): Matrix | undefined {
    if (f !== 'logistic') return undefined;
    expectKernelShapes(
      'activationBackward',
      sameShape(sensitivity, output) && sameShape(output, out),
      sensitivity,
      output,
      out,
    );
    const at = this.place(sensitivity, output, out, false, 0);
    this.wasm.logisticBackward(at[0], at[1], at[2], out.data.length);
    this.settle(out, at[2]);
    return out;
  }

  copy(a: Matrix, out: Matrix): Matrix {
    expectKernelShapes('copy', sameShape(a, out), a, out);
    const at = this.place(a, undefined, out, false, 0);
    if (at[0] !== at[2]) this.wasm.copy(at[0], at[2], a.data.length);
    this.settle(out, at[2]);
    return out;
  }

  /**
   * The `copyRows` fast path, for float64 rows into a resident float32 `out` (a float32 instance's batch gathered
   * from a float64 data set): the rows are copied as they are into staging and rounded to float32 in the module in
   * one call, instead of being gathered in JavaScript and staged again by {@link WasmKernels.copy}. `undefined` for
   * anything else.
   */
  private copyRows(rows: readonly FloatArray[], count: number, out: Matrix): Matrix | undefined {
    const at = this.offsetOf(out);
    if (at < 0 || this.precision !== 'float32' || !(rows[0] instanceof Float64Array)) return undefined;
    const cols = out.cols;
    let fits = Number.isInteger(count) && count >= 0 && count <= out.rows && count <= rows.length;
    for (let i = 0; fits && i < count; i++) fits = rows[i].length === cols;
    if (!fits) {
      const lengths = rows
        .slice(0, count)
        .map((row) => row.length)
        .join(', ');
      throw new Error(
        `Kernels.copyRows: expected at most ${out.rows} rows of ${cols} elements for a ${out.shape} matrix, ` +
          `got ${count} rows of ${lengths} elements`,
      );
    }
    this.arena.stage(count * cols, 0, 0, 0);
    this.arena.writeRowsAsFloat32(this.arena.staged[0], rows as readonly Float64Array[], count, cols, at);
    return out;
  }

  fill(value: number, out: Matrix): Matrix {
    const at = this.place(out, undefined, out, false, 0);
    this.wasm.fill(at[2], out.data.length, value);
    this.settle(out, at[2]);
    return out;
  }

  maxAbs(a: Matrix): number {
    const at = this.place(a, undefined, undefined, false, 0);
    return this.wasm.maxAbs(at[0], a.data.length);
  }

  dot(a: Matrix, b: Matrix): number {
    expectKernelShapes('dot', sameShape(a, b), a, b);
    const at = this.place(a, b, undefined, false, 0);
    return this.wasm.dot(at[0], at[1], a.data.length);
  }

  /**
   * Byte offsets of the operands `a`, `b` and `out` (−1 for an absent one) and of `scratchBytes` bytes of scratch, in
   * an array reused by every call. A matrix in this memory is used where it lives; any other gets a staging region,
   * filled from the matrix for `a` and `b`, and for `out` only when the kernel reads it (`readsOut`).
   */
  private place(
    a: Matrix,
    b: Matrix | undefined,
    out: Matrix | undefined,
    readsOut: boolean,
    scratchBytes: number,
  ): readonly number[] {
    const arena = this.arena;
    const offsets = this.offsets;
    offsets[0] = this.offsetOf(a);
    offsets[1] = b === undefined ? -1 : this.offsetOf(b);
    offsets[2] = out === undefined ? -1 : this.offsetOf(out);
    offsets[3] = -1;
    const stageA = offsets[0] < 0,
      stageB = b !== undefined && offsets[1] < 0,
      stageOut = out !== undefined && offsets[2] < 0;
    this.outStaged = stageOut;
    if (!stageA && !stageB && !stageOut && scratchBytes === 0) return offsets;
    arena.stage(stageA ? a.data.length : 0, stageB ? b.data.length : 0, stageOut ? out.data.length : 0, scratchBytes);
    const staged = arena.staged;
    if (stageA) arena.write((offsets[0] = staged[0]), a);
    if (stageB) arena.write((offsets[1] = staged[1]), b);
    if (stageOut) {
      offsets[2] = staged[2];
      if (readsOut) arena.write(offsets[2], out);
    }
    offsets[3] = staged[3];
    return offsets;
  }

  /** Copies a staged result back into `out` (a resident `out` was written in place). */
  private settle(out: Matrix, offset: number): void {
    if (this.outStaged) this.arena.read(offset, out);
  }
}
