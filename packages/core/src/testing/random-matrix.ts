import { Matrix } from '../kernels/matrix.js';
import type { RandomSource } from '../random/random-source.js';

/** A rows × cols matrix of independent draws scale · N(0, 1) from `random`. */
export function randomMatrix(rows: number, cols: number, random: RandomSource, scale = 1): Matrix {
  const matrix = Matrix.zeros(rows, cols);
  for (let i = 0; i < matrix.data.length; i++) matrix.data[i] = scale * random.normal();
  return matrix;
}

/**
 * N(0, 1) draws pushed `margin` away from 0 (x + margin·sign x): inputs for layers with a kink at 0 (ReLU, PReLU),
 * where central differences would straddle two slopes.
 */
export function randomMatrixAwayFromZero(rows: number, cols: number, random: RandomSource, margin = 0.1): Matrix {
  const matrix = randomMatrix(rows, cols, random);
  for (let i = 0; i < matrix.data.length; i++) matrix.data[i] += margin * Math.sign(matrix.data[i]);
  return matrix;
}
