import type { ContainerModule } from '@bpnet/core';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { threadedWasmKernelsModule } from '@bpnet/wasm/node';
import type { Runner } from './runner.js';
import { bpnetSession, measureBpnet } from './bpnet-session.js';

/**
 * A bpnet runner: the three-layer network of docs/derivation.md trained by the container's TRAINER with the kernels of
 * `kernelsModule()`.
 */
function bpnetRunner(
  name: string,
  precision: 'float64' | 'float32',
  kernelsModule: () => ContainerModule | undefined,
): Runner & { kernelsModule: () => ContainerModule | undefined } {
  return {
    name,
    precision,
    kernelsModule,
    measure: (workload, plan) => measureBpnet(bpnetSession(workload, 7, kernelsModule(), precision), plan),
  };
}

/**
 * The bpnet configurations of the benchmark: core's JS kernels, then @bpnet/wasm on one thread and on every core, in
 * float64 and float32.
 */
export const bpnetRunners = [
  bpnetRunner('bpnet-js', 'float64', () => undefined),
  bpnetRunner('bpnet-wasm', 'float64', () => wasmKernelsModule),
  bpnetRunner('bpnet-wasm-threads', 'float64', () => threadedWasmKernelsModule()),
  bpnetRunner('bpnet-wasm-f32', 'float32', () => wasmFloat32KernelsModule),
  bpnetRunner('bpnet-wasm-f32-threads', 'float32', () => threadedWasmKernelsModule({ precision: 'float32' })),
];
