/**
 * @bpnet/wasm: bpnet's kernels in WebAssembly SIMD (float64 and float32), compiled from AssemblyScript, and the
 * container modules that make every layer use them.
 * @module @bpnet/wasm
 * @packageDocumentation
 */
export { WasmKernels, type WasmKernelsOptions } from './wasm-kernels.js';
export type { ProductCall, ProductThreads, ProductThreadsFactory } from './product-threads.js';
export { wasmFloat32KernelsModule, wasmKernelsModule, wasmKernelsModuleWith } from './wasm-kernels-module.js';
export {
  kernelsWasmBytes,
  type KernelExports,
  type KernelsInstance,
  type Precision,
  type WasmMemory,
} from './wasm-module.js';
