import type { Matrix } from '../kernels/matrix.js';

/**
 * A 32-bit fingerprint of the matrices' shapes and element bits (float64 or float32), as 8 hex digits: FNV-1a over
 * their 32-bit words (with a xor-shift after each multiply so high bits reach low ones). Equal data gives equal
 * fingerprints; a resumed run uses it to refuse other data.
 */
export function dataFingerprint(...matrices: Matrix[]): string {
  let hash = 0x811c9dc5;
  const mix = (word: number) => {
    hash = Math.imul(hash ^ word, 0x01000193);
    hash ^= hash >>> 15;
  };
  for (const matrix of matrices) {
    mix(matrix.rows);
    mix(matrix.cols);
    const words = new Uint32Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength >>> 2);
    for (let i = 0; i < words.length; i++) mix(words[i]);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
