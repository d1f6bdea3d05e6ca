import type { FloatArray, Matrix } from './matrix.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/**
 * Activation functions a backend may compute natively (see {@link KernelFastPaths.activation}): `'logistic'` is
 * 1 / (1 + e^−x).
 */
export type StandardActivation = 'logistic';

/**
 * The arithmetic service every built-in layer goes through. Layers never own the loops: a faster backend is one
 * more container module that rebinds {@link "@bpnet/core/plugin"!KERNELS | KERNELS} to another implementation of
 * this interface.
 *
 * Every method that takes `out` writes into it (it must already have the result's shape) and returns it. Where
 * `accumulate` is true the result is added to what `out` holds, which is how layers add into `Parameter.grad`.
 *
 * Every method here is required. A backend with faster ways to do some compound steps offers them separately, in
 * {@link Kernels.fastPaths}; callers reach those only through
 * {@link "@bpnet/core/plugin"!withFastPath | withFastPath}, with the required operations as the fallback.
 */
export interface Kernels {
  /** A short name for reports, e.g. `'js'`. */
  readonly name: string;
  /**
   * Optional: the faster paths this backend has (see {@link KernelFastPaths}); absent when it has none (`jsKernels`).
   * Use them through {@link "@bpnet/core/plugin"!withFastPath | withFastPath}, never directly.
   */
  readonly fastPaths?: KernelFastPaths;
  /**
   * A `rows × cols` matrix in the memory this backend computes on, so products on it need no copying (a WebAssembly
   * backend places it in its own memory). When `reuse` is given and already has that shape it is returned as is;
   * when its storage can hold `rows × cols` values the result may be a view of that storage (its contents are then
   * unspecified); otherwise the result is a new zero matrix. Layers keep their buffers this way (see `reuseMatrix`).
   */
  matrix(rows: number, cols: number, reuse?: Matrix): Matrix;
  /** out (+)= a · b, for a: m×k, b: k×n, out: m×n. */
  matmul(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out (+)= aᵀ · b, for a: k×m, b: k×n, out: m×n. */
  matmulTransposeA(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out (+)= a · bᵀ, for a: m×k, b: n×k, out: m×n. */
  matmulTransposeB(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out = a + 1·row: adds the 1×n `row` to every row of the m×n `a`. */
  addRowVector(a: Matrix, row: Matrix, out: Matrix): Matrix;
  /** out (+)= 1ᵀ · a: the 1×n column sums of the m×n `a`. */
  sumColumns(a: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out_ij = f(a_ij). */
  map(a: Matrix, f: (x: number) => number, out: Matrix): Matrix;
  /** out_ij = f(a_ij, b_ij). */
  zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out: Matrix): Matrix;
  /** out = alpha · a. */
  scale(alpha: number, a: Matrix, out: Matrix): Matrix;
  /** y += alpha · x (the BLAS axpy), in place. */
  axpy(alpha: number, x: Matrix, y: Matrix): Matrix;
  /** out = a, converting between float64 and float32 when their element types differ. */
  copy(a: Matrix, out: Matrix): Matrix;
  /** out_ij = value (how the network zeroes gradients). */
  fill(value: number, out: Matrix): Matrix;
  /** max_ij |a_ij|: NaN when any element is NaN, 0 for an empty matrix (how the divergence guard checks values). */
  maxAbs(a: Matrix): number;
  /** Σ_ij a_ij · b_ij. */
  dot(a: Matrix, b: Matrix): number;
}

/**
 * The faster paths a {@link Kernels} backend may offer for compound steps that the required operations can also do,
 * as its {@link Kernels.fastPaths}. Every member is optional (a backend gives those it has), and each may still
 * decline particular operands by returning `undefined` without changing anything; the caller then computes the same
 * result from required operations. {@link withFastPath} does exactly that, and is how every caller uses them.
 *
 * A fast path must give what its fallback gives: the same bits, except where its documentation says otherwise
 * (a native `activation` agrees to a few units in the last place). It checks its operands' shapes as the required
 * operations do, throwing rather than declining when they do not fit.
 */
export interface KernelFastPaths {
  /**
   * out = a · b + 1·row (a: m×k, b: k×n, row: 1×n, out: m×n), the dense layer's net = x·W + 1·b in one pass,
   * with the same bits as {@link Kernels.matmul} then {@link Kernels.addRowVector}. Returns `out`, or `undefined`
   * when this backend cannot for these operands (the layer then makes the two calls).
   */
  matmulAddRow?(a: Matrix, b: Matrix, row: Matrix, out: Matrix): Matrix | undefined;
  /**
   * out's row i = `rows[i]` for i < `count` (each `out.cols` long), converted to out's element type; how the trainer
   * gathers a batch whose element type differs from the data set's. Returns `out`, or `undefined` when this backend
   * has no faster way than copying the rows into a buffer of their own type and calling {@link Kernels.copy}.
   */
  copyRows?(rows: readonly FloatArray[], count: number, out: Matrix): Matrix | undefined;
  /**
   * Native forward pass of a standard activation: out_ij = f(net_ij). Returns `out`, or `undefined` when this
   * backend has no native version of `f` (the activation layer then uses {@link Kernels.map} with its JavaScript
   * function). A native version agrees with the JavaScript definition to a few units in the last place.
   */
  activation?(f: StandardActivation, net: Matrix, out: Matrix): Matrix | undefined;
  /**
   * Native backward pass of a standard activation: out_ij = s_ij · f'(net_ij), written in terms of the output
   * y = f(net) (for the logistic function, (s · y) · (1 − y)). Returns `out`, or `undefined` as `activation` (the
   * layer then uses {@link Kernels.zip}).
   */
  activationBackward?(f: StandardActivation, sensitivity: Matrix, output: Matrix, out: Matrix): Matrix | undefined;
}

/** The arithmetic service ({@link Kernels}); rebind it to change every layer's backend. */
export const KERNELS: ServiceToken<Kernels> = Symbol.for('@bpnet/core/Kernels');
