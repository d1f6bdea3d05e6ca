import { KERNELS } from '@bpnet/core/plugin';
import { ContainerModule } from 'inversify';
import { WasmKernels, type WasmKernelsOptions } from './wasm-kernels.js';

/**
 * A container module that rebinds core's `KERNELS` to one {@link WasmKernels} per container, made with `options`,
 * so every layer, loss and optimizer the container builds computes with it.
 */
export function wasmKernelsModuleWith(options: WasmKernelsOptions): ContainerModule {
  return new ContainerModule(({ rebind }) => {
    rebind(KERNELS)
      .toDynamicValue(() => new WasmKernels(options))
      .inSingletonScope();
  });
}

/**
 * Makes every layer, loss and optimizer built by the container compute with {@link WasmKernels} in float64 (the
 * same bits as the JavaScript kernels):
 *
 * ```ts
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, wasmKernelsModule);
 * ```
 */
export const wasmKernelsModule = wasmKernelsModuleWith({});

/** Like {@link wasmKernelsModule}, in float32: matrices the network makes hold float32, and the kernels use f32x4. */
export const wasmFloat32KernelsModule = wasmKernelsModuleWith({ precision: 'float32' });
