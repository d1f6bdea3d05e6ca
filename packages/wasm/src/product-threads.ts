import type { KernelsInstance } from './wasm-module.js';

/** One matrix product as the wasm exports take it (byte offsets and sizes); see `ProductExport`. */
export interface ProductCall {
  /** The product's index in `PRODUCT_EXPORTS` (e.g. that of `'matmul_f64'`). */
  readonly kernel: number;
  readonly a: number;
  readonly b: number;
  readonly out: number;
  readonly size0: number;
  readonly size1: number;
  readonly n: number;
  readonly accumulate: number;
  readonly scratch: number;
  /** 0, or where A's 4-row blocks were packed. */
  readonly packedA: number;
  /** 0, or the byte offset of a 1×n row vector added to every output row. */
  readonly row: number;
  /** The panels of output columns to share out (4 float64 or 8 float32 columns each). */
  readonly panels: number;
}

/**
 * Threads that share the panels of one product. Each panel's columns are computed by exactly one thread, in the same
 * order as on one thread, so the result is the same bits however the panels are split.
 */
export interface ProductThreads {
  /** Threads taking part, the caller's included. */
  readonly count: number;
  /** Whether every thread has started and can take work (threads start asynchronously). */
  readonly ready: boolean;
  /**
   * Computes `call`: every thread, the caller's included, claims panels until none are left, and this returns when
   * every thread has finished. Returns false, having done nothing, when the threads are not ready yet (the caller
   * then computes everything itself).
   */
  run(call: ProductCall): boolean;
  /** Stops the other threads. */
  close(): void;
}

/** Makes the threads for a kernels instance (they instantiate its module on its shared memory). */
export type ProductThreadsFactory = (instance: KernelsInstance, control: Int32Array) => ProductThreads;

/** Int32 slots of the control block a {@link ProductThreadsFactory} receives, for `threads` threads. */
export function controlSlots(threads: number): number {
  return CONTROL_HEADER + CONTROL_PER_THREAD * threads;
}

/** The most threads a kernels instance's control block has room for. */
export const MAX_THREADS = 64;

/**
 * Slots before the per-thread ones: job number, kernel, the 9 arguments before the panel range, the row vector, the
 * panel count, the next panel to claim.
 */
export const CONTROL_HEADER = 16;
/** Slots per thread: job number done, ready (or failed) flag, panels computed. */
export const CONTROL_PER_THREAD = 3;
