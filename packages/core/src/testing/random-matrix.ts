import { Matrix } from '../matrix.js';
import type { RandomSource } from '../random-source.js';

/** A rows × cols matrix of independent draws scale · N(0, 1) from `random`. */
export function randomMatrix(rows: number, cols: number, random: RandomSource, scale = 1): Matrix {
  const matrix = Matrix.zeros(rows, cols);
  for (let i = 0; i < matrix.data.length; i++) matrix.data[i] = scale * random.normal();
  return matrix;
}
