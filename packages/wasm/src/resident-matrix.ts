import { type FloatArray, Matrix } from '@bpnet/core';
import type { WasmArena } from './wasm-arena.js';

/**
 * A matrix whose elements live in a {@link WasmArena} (made by `WasmKernels.matrix`): its `data` is a view of the
 * arena's memory at byte offset `address`, in a block that holds `capacity` elements (so it can be reshaped in
 * place). Kernels read the offset from here instead of looking the array up.
 */
export class ResidentMatrix extends Matrix {
  /** Byte offset of the elements in the arena's memory. */
  readonly address: number;

  constructor(
    rows: number,
    cols: number,
    data: FloatArray,
    /** The arena the elements live in. */
    readonly arena: WasmArena,
    /** Elements the block holds (at least `rows × cols`). */
    readonly capacity: number,
  ) {
    super(rows, cols, data);
    this.address = data.byteOffset;
  }
}
