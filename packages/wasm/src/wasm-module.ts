import { kernelsWasmBase64 } from './generated/kernels-wasm.js';

/** The part of the WebAssembly JS API this package uses (declared here so it needs neither `lib.dom` nor Node's types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

/** The kernels compiled from `assembly/kernels.ts`, as the instance exports them. Pointers are byte offsets. */
export interface KernelExports {
  heapBase(): number;
  matmul(a: number, b: number, out: number, m: number, k: number, n: number, accumulate: number, scratch: number): void;
  matmulTransposeA(a: number, b: number, out: number, k: number, m: number, n: number, accumulate: number, scratch: number): void;
  matmulTransposeB(a: number, b: number, out: number, m: number, k: number, n: number, accumulate: number, scratch: number): void;
  addRowVector(a: number, row: number, out: number, m: number, n: number): void;
  sumColumns(a: number, out: number, m: number, n: number, accumulate: number): void;
  scale(alpha: number, a: number, out: number, length: number): void;
  axpy(alpha: number, x: number, y: number, length: number): void;
  dot(a: number, b: number, length: number): number;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** Bytes per WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;
/** The largest memory a 32-bit module can address, in pages (4 GiB). */
export const WASM_MAX_PAGES = 65536;

let compiled: object | undefined;

function webAssembly(): WebAssemblyApi {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) throw new Error('@bpnet/wasm: this JavaScript environment has no WebAssembly');
  return api;
}

/** The embedded kernels' bytes, decoded from base64 (`atob` exists in browsers and in Node ≥ 16). */
export function kernelsWasmBytes(): Uint8Array {
  const text = atob(kernelsWasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates the kernels synchronously on a new memory of `initialPages` pages (the module is compiled once per
 * process and shared). Throws a clear error where WebAssembly SIMD is unavailable.
 */
export function instantiateKernels(initialPages: number): { exports: KernelExports; memory: WasmMemory } {
  const api = webAssembly();
  if (compiled === undefined) {
    try {
      compiled = new api.Module(kernelsWasmBytes());
    } catch (error) {
      throw new Error(`@bpnet/wasm: could not compile the kernels (WebAssembly SIMD is required): ${(error as Error).message}`);
    }
  }
  const memory = new api.Memory({ initial: initialPages });
  const instance = new api.Instance(compiled, { env: { memory } });
  return { exports: instance.exports as unknown as KernelExports, memory };
}
