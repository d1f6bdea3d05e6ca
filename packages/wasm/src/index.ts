/**
 * @bpnet/wasm: bpnet's kernels in WebAssembly SIMD (float64), compiled from AssemblyScript, and the container
 * module that makes every layer use them.
 * @packageDocumentation
 */
export { WasmKernels, type WasmKernelsOptions } from './wasm-kernels.js';
export type { ProductCall, ProductThreads, ProductThreadsFactory } from './product-threads.js';
export { wasmKernelsModule } from './wasm-kernels-module.js';
export { kernelsWasmBytes } from './wasm-module.js';
