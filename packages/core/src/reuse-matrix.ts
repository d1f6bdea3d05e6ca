import { Matrix } from './matrix.js';

/**
 * `buffer` if it is already `rows × cols`, else a new zero matrix of that shape. Layers keep their outputs in
 * such buffers so that a steady training loop allocates nothing.
 */
export function reuseMatrix(buffer: Matrix | undefined, rows: number, cols: number): Matrix {
  return buffer !== undefined && buffer.rows === rows && buffer.cols === cols ? buffer : Matrix.zeros(rows, cols);
}
