import type { ContainerModule } from 'inversify';
import type { Precision } from '../wasm-module.js';
import { wasmKernelsModuleWith } from '../wasm-kernels-module.js';
import { workerProductThreads } from './worker-product-threads.js';

/** Options of {@link threadedWasmKernelsModule}. */
export interface ThreadedWasmKernelsOptions {
  /** Threads in all, the caller's included (default: one per available core). */
  readonly threads?: number;
  /** `'float64'` (default) or `'float32'`. */
  readonly precision?: Precision;
}

/**
 * Like `wasmKernelsModule`, with large matrix products shared among `threads` threads (by default one per
 * available core): the caller's and `threads − 1` worker threads. Results are the same bits as on one thread.
 *
 * ```ts
 * import { threadedWasmKernelsModule } from '@bpnet/wasm/node';
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, threadedWasmKernelsModule());
 * ```
 */
export function threadedWasmKernelsModule(options: ThreadedWasmKernelsOptions = {}): ContainerModule {
  return wasmKernelsModuleWith({ threads: workerProductThreads(options.threads), precision: options.precision });
}
