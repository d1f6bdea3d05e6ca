import type { FloatArray, Matrix } from '@bpnet/core';
import { type KernelExports, type Precision, WASM_MAX_PAGES, WASM_PAGE_BYTES, type WasmMemory } from './wasm-module.js';

/** Alignment of every block (bytes): one f64x2 vector. */
const ALIGN = 16;
/**
 * Bytes left free after each block: a margin, so a kernel that ever loads a whole vector at a block's end stays in it.
 */
const SLACK = 32;

/**
 * The kernels' memory, handed out from a bump pointer that only moves up:
 *
 * - **resident** arrays (`allocate`), in a shared memory only: `Float64Array` or `Float32Array` views (by the
 *   arena's precision) that matrices use as their data,
 *   so the kernels read and write them in place. A block is never handed out twice; it lives as long as this arena
 *   (that is, as long as the kernels instance), and a matrix reshaped in place (`viewAt`) reuses its block.
 * - a **staging** block for operands that are not resident: each call copies them in (`write`, converting to the
 *   arena's precision) and results out (`read`). It is replaced by a larger block when a call needs more. A float32
 *   arena gives each staged element 8 bytes, so a float64 operand is copied in as is (a native copy) and converted
 *   by the module in place, which is several times faster than converting element by element in JavaScript.
 *
 * In a shared memory, growth keeps every earlier view valid (a `SharedArrayBuffer` is never detached); in an
 * unshared one, growth detaches views, so nothing is made resident there and every operand is staged.
 */
export class WasmArena {
  /** Bytes per element: 8 for float64, 4 for float32. */
  readonly elementBytes: number;
  private view: FloatArray;
  /** The memory as float64, for copying float64 operands into a float32 arena's staging before conversion. */
  private doubles: Float64Array;
  /** Bytes each staged element gets: 8 in both precisions (see the class comment). */
  private readonly stagedBytes = 8;
  private top: number;
  private stagingOffset = 0;
  private stagingBytes = 0;
  /** Byte offsets of the regions of the last `stage` call. */
  readonly staged = [0, 0, 0, 0];

  constructor(
    private readonly memory: WasmMemory,
    base: number,
    /** Whether matrices may live in this memory (it is shared). */
    readonly resident: boolean,
    /** The element type of resident arrays and staged copies. */
    readonly precision: Precision,
    /** The module's float64 ↔ float32 conversions. */
    private readonly conversions: Pick<KernelExports, 'demote' | 'promote'>,
  ) {
    this.elementBytes = precision === 'float64' ? 8 : 4;
    this.view = this.arrayOn(0, undefined);
    this.doubles = new Float64Array(memory.buffer);
    this.top = align(base);
  }

  /** Bytes the memory has now. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * A new zero-filled resident array of `length` elements, or `undefined` when the memory cannot hold resident arrays.
   */
  allocate(length: number): FloatArray | undefined {
    if (!this.resident) return undefined;
    const offset = this.reserve(length * this.elementBytes);
    return this.arrayOn(offset, length);
  }

  /** A view of `length` elements at byte `offset` (the start of a block `allocate` made). */
  viewAt(offset: number, length: number): FloatArray {
    return this.arrayOn(offset, length);
  }

  /**
   * Lays out four consecutive staging regions: three of the given lengths in elements, then `scratchBytes` bytes of
   * scratch, each 16-byte aligned and followed by 32 free bytes, and puts their byte offsets in
   * {@link WasmArena.staged}. Valid until the next call.
   */
  stage(length0: number, length1: number, length2: number, scratchBytes: number): void {
    const e = this.stagedBytes;
    const size0 = align(length0 * e + SLACK),
      size1 = align(length1 * e + SLACK),
      size2 = align(length2 * e + SLACK);
    const bytes = size0 + size1 + size2 + align(scratchBytes + SLACK);
    if (bytes > this.stagingBytes) {
      // Replace the block at least geometrically, so a growing workload does not re-stage every call.
      this.stagingBytes = Math.max(bytes, 2 * this.stagingBytes);
      this.stagingOffset = this.reserve(this.stagingBytes);
    }
    const staged = this.staged;
    staged[0] = this.stagingOffset;
    staged[1] = staged[0] + size0;
    staged[2] = staged[1] + size1;
    staged[3] = staged[2] + size2;
  }

  /** Copies `matrix`'s elements to staging `offset` (rounding them to float32 in a float32 arena). */
  write(offset: number, matrix: Matrix): void {
    const data = matrix.data;
    if (this.precision === 'float32' && data instanceof Float64Array) {
      this.doubles.set(data, offset / 8);
      this.conversions.demote(offset, offset, data.length);
    } else {
      this.view.set(data, offset / this.elementBytes);
    }
  }

  /**
   * Copies `count` float64 rows of `cols` elements each, one after another, to staging `offset` and rounds them to
   * float32 at byte `dst` (a float32 arena's resident array): native copies into memory, then one conversion in the
   * module.
   */
  writeRowsAsFloat32(offset: number, rows: readonly Float64Array[], count: number, cols: number, dst: number): void {
    const doubles = this.doubles;
    const start = offset / 8;
    for (let i = 0; i < count; i++) doubles.set(rows[i], start + i * cols);
    this.conversions.demote(offset, dst, count * cols);
  }

  /** Copies the elements at staging `offset` into `matrix` (whatever its element type). */
  read(offset: number, matrix: Matrix): void {
    const data = matrix.data;
    const length = data.length;
    if (this.precision === 'float32' && data instanceof Float64Array) {
      this.conversions.promote(offset, offset, length);
      data.set(this.doubles.subarray(offset / 8, offset / 8 + length));
    } else {
      const start = offset / this.elementBytes;
      data.set(this.view.subarray(start, start + length));
    }
  }

  /**
   * Moves the bump pointer past a new block of `bytes` (plus slack) and returns the block's offset; grows the memory
   * when it does not fit.
   * @throws RangeError when the arena would pass the 4 GiB a 32-bit module addresses.
   */
  private reserve(bytes: number): number {
    const offset = this.top;
    const end = align(offset + bytes + SLACK);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil(end / WASM_PAGE_BYTES);
      if (pages > WASM_MAX_PAGES) {
        throw new RangeError(
          `WasmKernels: the matrices need ${end} bytes, more than the 4 GiB a 32-bit WebAssembly memory holds`,
        );
      }
      // Grow at least geometrically, so a growing workload does not grow page by page.
      const havePages = have / WASM_PAGE_BYTES;
      this.memory.grow(Math.min(WASM_MAX_PAGES, Math.max(pages, 2 * havePages)) - havePages);
      this.view = this.arrayOn(0, undefined);
      this.doubles = new Float64Array(this.memory.buffer);
    }
    this.top = end;
    return offset;
  }

  /** A view of the arena's element type at byte `offset` (to the end of the memory when `length` is undefined). */
  private arrayOn(offset: number, length: number | undefined): FloatArray {
    return this.precision === 'float64'
      ? new Float64Array(this.memory.buffer, offset, length)
      : new Float32Array(this.memory.buffer, offset, length);
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
