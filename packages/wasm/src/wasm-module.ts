import { kernelsWasmBase64, sharedKernelsWasmBase64 } from './generated/kernels-wasm.js';

/**
 * The part of the WebAssembly JS API this package uses (declared here so it needs neither `lib.dom` nor Node's types).
 */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(deltaPages: number): number;
}

/** The element types the kernels come in: float64 (f64x2) and float32 (f32x4). */
export type Precision = 'float64' | 'float32';

/**
 * The kernels for one element type, as compiled from `assembly/kernels.ts` (exported there with the suffix `_f64` or
 * `_f32`). Pointers are byte offsets; sizes count elements.
 */
export interface KernelSet {
  packRows(a: number, rowStride: number, colStride: number, m: number, k: number, dst: number): void;
  matmul: ProductExport;
  matmulTransposeA: ProductExport;
  matmulTransposeB: ProductExport;
  addRowVector(a: number, row: number, out: number, m: number, n: number): void;
  sumColumns(a: number, out: number, m: number, n: number, accumulate: number): void;
  scale(alpha: number, a: number, out: number, length: number): void;
  axpy(alpha: number, x: number, y: number, length: number): void;
  dot(a: number, b: number, length: number): number;
  maxAbs(a: number, length: number): number;
  fill(a: number, length: number, value: number): void;
  copy(a: number, out: number, length: number): void;
  logistic(x: number, out: number, length: number): void;
  logisticBackward(s: number, y: number, out: number, length: number): void;
}

const KERNEL_NAMES: readonly (keyof KernelSet)[] = [
  'packRows',
  'matmul',
  'matmulTransposeA',
  'matmulTransposeB',
  'addRowVector',
  'sumColumns',
  'scale',
  'axpy',
  'dot',
  'maxAbs',
  'fill',
  'copy',
  'logistic',
  'logisticBackward',
];

/** The instance's exports: `heapBase` and every kernel of `KernelSet` once per element type. */
export type KernelExports = {
  heapBase(): number;
  /** float64 → float32 in place (dst may be src). */
  demote(src: number, dst: number, length: number): void;
  /** float32 → float64 in place (dst may be src). */
  promote(src: number, dst: number, length: number): void;
} & Record<string, unknown>;

/** The export-name suffix of an element type. */
export function precisionSuffix(precision: Precision): string {
  return precision === 'float64' ? '_f64' : '_f32';
}

/** The kernels of one element type out of an instance's exports. */
export function kernelSet(exports: KernelExports, precision: Precision): KernelSet {
  const suffix = precisionSuffix(precision);
  return Object.fromEntries(KERNEL_NAMES.map((name) => [name, exports[name + suffix]])) as unknown as KernelSet;
}

/**
 * A product export: the output columns of panels `first` … `last − 1` (4 float64 or 8 float32 columns each) of
 * one of the three products, with its sizes in the order the export documents ((m, k, n), or (k, m, n) for
 * matmulTransposeA), plus the 1×n row vector at byte `row` added to every output row when `row` is not 0.
 */
export type ProductExport = (
  a: number,
  b: number,
  out: number,
  size0: number,
  size1: number,
  n: number,
  accumulate: number,
  scratch: number,
  packedA: number,
  first: number,
  last: number,
  row: number,
) => void;

/** The three products. */
export type ProductKernel = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';

/** Every product export name, in the order threads number them (`productIndex` finds one). */
export const PRODUCT_EXPORTS = (['float64', 'float32'] as const).flatMap((precision) =>
  (['matmul', 'matmulTransposeA', 'matmulTransposeB'] as const).map((kernel) => kernel + precisionSuffix(precision)),
);

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** Bytes per WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;
/** The largest memory a 32-bit module can address, in pages (4 GiB). */
export const WASM_MAX_PAGES = 65536;

/** The compiled modules, one per memory kind, compiled once per process. */
const compiled = new Map<'shared' | 'unshared', object>();

function webAssembly(): WebAssemblyApi {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) throw new Error('@bpnet/wasm: this JavaScript environment has no WebAssembly');
  return api;
}

/**
 * The embedded kernels' bytes for an unshared (default) or a shared memory, decoded from base64 (`atob` exists in
 * browsers and Node ≥ 16).
 */
export function kernelsWasmBytes(memory: 'shared' | 'unshared' = 'unshared'): Uint8Array {
  const text = atob(memory === 'shared' ? sharedKernelsWasmBase64 : kernelsWasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The kernels' instance and the memory they compute in. */
export interface KernelsInstance {
  readonly exports: KernelExports;
  /** The compiled module (another thread instantiates it on the same shared memory). */
  readonly module: object;
  readonly memory: WasmMemory;
  /**
   * Whether the memory is shared (backed by a `SharedArrayBuffer`). Growing a shared memory leaves existing views of
   * it valid, so matrices can live in it; growing an unshared one detaches every view.
   */
  readonly shared: boolean;
}

/**
 * Instantiates the kernels synchronously on a new memory of `initialPages` pages: a shared memory where the
 * environment allows one (Node; browsers on cross-origin-isolated pages), else an unshared one. Throws a clear error
 * where WebAssembly SIMD is unavailable.
 */
export function instantiateKernels(initialPages: number): KernelsInstance {
  const api = webAssembly();
  let memory: WasmMemory;
  let shared = true;
  try {
    memory = new api.Memory({ initial: initialPages, maximum: WASM_MAX_PAGES, shared: true });
  } catch {
    memory = new api.Memory({ initial: initialPages });
    shared = false;
  }
  const module = compiledModule(api, shared ? 'shared' : 'unshared');
  const instance = new api.Instance(module, { env: { memory } });
  return { exports: instance.exports as unknown as KernelExports, module, memory, shared };
}

function compiledModule(api: WebAssemblyApi, memory: 'shared' | 'unshared'): object {
  let module = compiled.get(memory);
  if (module === undefined) {
    try {
      module = new api.Module(kernelsWasmBytes(memory));
    } catch (error) {
      throw new Error(
        `@bpnet/wasm: could not compile the kernels (WebAssembly SIMD is required): ${(error as Error).message}`,
      );
    }
    compiled.set(memory, module);
  }
  return module;
}

/** The index in {@link PRODUCT_EXPORTS} of `kernel` in `precision`. */
export function productIndex(kernel: ProductKernel, precision: Precision): number {
  return PRODUCT_EXPORTS.indexOf(kernel + precisionSuffix(precision));
}
