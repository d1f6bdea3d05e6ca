import { KERNELS } from '@bpnet/core';
import { ContainerModule } from 'inversify';
import { WasmKernels } from '../wasm-kernels.js';
import { workerProductThreads } from './worker-product-threads.js';

/**
 * Like `wasmKernelsModule`, with large matrix products shared among `threads` threads (by default one per
 * available core): the caller's and `threads − 1` worker threads. Results are the same bits as on one thread.
 *
 * ```ts
 * import { threadedWasmKernelsModule } from '@bpnet/wasm/node';
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, threadedWasmKernelsModule());
 * ```
 */
export function threadedWasmKernelsModule(threads?: number): ContainerModule {
  const factory = workerProductThreads(threads);
  return new ContainerModule(({ rebind }) => {
    rebind(KERNELS)
      .toDynamicValue(() => new WasmKernels({ threads: factory }))
      .inSingletonScope();
  });
}
