/**
 * @bpnet/wasm/node: the WebAssembly kernels with large products shared among Node worker threads.
 * @module @bpnet/wasm/node
 * @packageDocumentation
 */
export { threadedWasmKernelsModule, type ThreadedWasmKernelsOptions } from './threaded-wasm-kernels-module.js';
export { workerProductThreads } from './worker-product-threads.js';
