import { wasmKernelsModule } from '@bpnet/wasm';
import type { Runner } from './runner.js';
import { bpnetSession, measureBpnet } from './bpnet-session.js';

/** bpnet with the WebAssembly SIMD kernels of @bpnet/wasm. */
export const bpnetWasmRunner: Runner = {
  name: 'bpnet-wasm',
  precision: 'float64',
  measure: (workload, plan) => measureBpnet(bpnetSession(workload, 7, wasmKernelsModule), plan),
};
