import { KERNELS } from '@bpnet/core';
import { ContainerModule } from 'inversify';
import { WasmKernels } from './wasm-kernels.js';

/**
 * Makes every layer, loss and optimizer built by the container compute with {@link WasmKernels}: it rebinds core's
 * `KERNELS` to one WasmKernels instance per container.
 *
 * ```ts
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, wasmKernelsModule);
 * ```
 */
export const wasmKernelsModule = new ContainerModule(({ rebind }) => {
  rebind(KERNELS)
    .toDynamicValue(() => new WasmKernels())
    .inSingletonScope();
});
