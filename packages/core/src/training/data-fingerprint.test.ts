import { expect, it } from 'vitest';
import { dataFingerprint } from './data-fingerprint.js';
import { Matrix } from '../kernels/matrix.js';

it('gives equal data equal fingerprints and changes with one value, the shape or the order of the matrices', () => {
  const a = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = Matrix.fromRows([[1, 2]]);
  const fingerprint = dataFingerprint(a, b);
  expect(fingerprint).toMatch(/^[0-9a-f]{8}$/);
  expect(dataFingerprint(a.clone(), b.clone())).toBe(fingerprint);
  const changed = a.clone();
  changed.set(1, 2, 6.000000000000001);
  expect(dataFingerprint(changed, b)).not.toBe(fingerprint);
  expect(dataFingerprint(new Matrix(3, 2, a.data.slice()), b)).not.toBe(fingerprint);
  expect(dataFingerprint(b, a)).not.toBe(fingerprint);
});

it('fingerprints float32 data by its own bits, and only those of the matrix', () => {
  const storage = new Float32Array([9, 1, 2, 3, 4, 9]); // the matrix is a view of the middle four
  const view = new Matrix(2, 2, storage.subarray(1, 5));
  const fingerprint = dataFingerprint(view);
  expect(dataFingerprint(new Matrix(2, 2, Float32Array.of(1, 2, 3, 4)))).toBe(fingerprint);
  storage[5] = 7; // outside the view
  expect(dataFingerprint(view)).toBe(fingerprint);
  storage[4] = 5;
  expect(dataFingerprint(view)).not.toBe(fingerprint);
});
