import type { Matrix } from '@bpnet/core';

/**
 * Writes `block` (N × c) into columns `offset … offset + c − 1` of `target` (N × C):
 * target[n, offset + j] = block[n, j].
 * How a concatenation places each branch's output; float64 and float32 storage alike.
 */
export function writeColumnBlock(block: Matrix, target: Matrix, offset: number): void {
  const { rows, cols } = block;
  for (let n = 0; n < rows; n++) {
    target.data.set(block.data.subarray(n * cols, (n + 1) * cols), n * target.cols + offset);
  }
}

/**
 * Reads columns `offset … offset + c − 1` of `source` (N × C) into `block` (N × c):
 * block[n, j] = source[n, offset + j].
 * How a concatenation splits its sensitivity among the branches.
 */
export function readColumnBlock(source: Matrix, offset: number, block: Matrix): Matrix {
  const { rows, cols } = block;
  for (let n = 0; n < rows; n++) {
    const start = n * source.cols + offset;
    block.data.set(source.data.subarray(start, start + cols), n * cols);
  }
  return block;
}
