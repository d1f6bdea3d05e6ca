import type { Matrix } from '@bpnet/core';
import { WASM_MAX_PAGES, WASM_PAGE_BYTES, type WasmMemory } from './wasm-module.js';

/** Alignment of every region (bytes): one f64x2 vector. */
const ALIGN = 16;
/** Bytes left free after each region, so a vector load that reads past its end stays inside the memory. */
const SLACK = 32;

/**
 * The operands' staging area in the kernels' memory. Each kernel call lays its operands out from `base` (`layout`),
 * copies its inputs in (`write`) and its result out (`read`); nothing stays resident between calls. Keeping the
 * copies here is what lets a later version keep matrices resident in wasm memory instead.
 */
export class WasmHeap {
  private view: Float64Array;

  constructor(
    private readonly memory: WasmMemory,
    private readonly base: number,
  ) {
    this.view = new Float64Array(memory.buffer);
  }

  /** Bytes the memory has now. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Byte offsets of consecutive regions of the given lengths in doubles, each 16-byte aligned and followed by
   * 32 free bytes; grows the memory when they do not fit.
   * @throws RangeError when they need more than the 4 GiB a 32-bit module addresses.
   */
  layout(...lengths: number[]): number[] {
    let next = align(this.base);
    const offsets = lengths.map((length) => {
      const offset = next;
      next = align(offset + length * 8 + SLACK);
      return offset;
    });
    this.ensure(next);
    return offsets;
  }

  /** Copies `matrix`'s elements to `offset`. */
  write(offset: number, matrix: Matrix): void {
    this.view.set(matrix.data, offset / 8);
  }

  /** Copies the elements at `offset` into `matrix`. */
  read(offset: number, matrix: Matrix): void {
    const start = offset / 8;
    matrix.data.set(this.view.subarray(start, start + matrix.data.length));
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
    if (pages > WASM_MAX_PAGES) {
      throw new RangeError(`WasmKernels: the operands need ${bytes} bytes, more than the 4 GiB a 32-bit WebAssembly memory holds`);
    }
    // Grow at least geometrically, so a growing workload does not grow page by page.
    const havePages = have / WASM_PAGE_BYTES;
    this.memory.grow(Math.min(WASM_MAX_PAGES, Math.max(pages, 2 * havePages)) - havePages);
    this.view = new Float64Array(this.memory.buffer); // growing detaches the old buffer
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
