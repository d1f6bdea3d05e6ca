import type { Matrix } from './matrix.js';

/** The 32-bit FNV-1a hash of the matrices' shapes and bytes, as 8 hex digits: equal data gives equal fingerprints. */
export function dataFingerprint(...matrices: Matrix[]): string {
  let hash = 0x811c9dc5;
  const mix = (byte: number) => {
    hash = Math.imul(hash ^ byte, 0x01000193);
  };
  for (const matrix of matrices) {
    for (const size of [matrix.rows, matrix.cols]) for (let shift = 0; shift < 32; shift += 8) mix((size >>> shift) & 0xff);
    const bytes = new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength);
    for (let i = 0; i < bytes.length; i++) mix(bytes[i]);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
