import { describe, expect, it } from 'vitest';
import { mnistPixels, parseMnistDigitFile } from './parse-mnist-digit-file.js';

function digitFile(images: number, fill = 0): string {
  return JSON.stringify({ data: new Array<number>(images * mnistPixels).fill(fill) });
}

describe('parseMnistDigitFile', () => {
  it('decodes { data: [...] } to its values, 784 per image', () => {
    const data = new Array<number>(2 * 784).fill(0);
    data[5] = 0.2;
    data[784 + 783] = 1;
    const values = parseMnistDigitFile(JSON.stringify({ data }), '3.json');
    expect(values).toBeInstanceOf(Float64Array);
    expect(values).toHaveLength(1568);
    expect(values[5]).toBe(0.2);
    expect(values[1567]).toBe(1);
    expect(parseMnistDigitFile(digitFile(1, 0.5), '3.json')[783]).toBe(0.5);
  });

  it('names the file and what is wrong', () => {
    expect(() => parseMnistDigitFile('{"data": [0, 0', 'x/3.json')).toThrow(
      /^MNIST digit file x\/3\.json: not valid JSON \(truncated or damaged\?\)/,
    );
    expect(() => parseMnistDigitFile('[0, 1]', '3.json')).toThrow(
      'MNIST digit file 3.json: expected an object { "data": [pixel values] }, got an array of length 2',
    );
    expect(() => parseMnistDigitFile('{"pixels": []}', '3.json')).toThrow(
      'MNIST digit file 3.json: expected an object { "data": [pixel values] }, ' +
        'got an object with keys ["pixels"] without a "data" array',
    );
    expect(() => parseMnistDigitFile(JSON.stringify({ data: new Array(785).fill(0) }), '3.json')).toThrow(
      'MNIST digit file 3.json: "data" has 785 values; expected a positive multiple of 784 (28×28 pixels per image)',
    );
    expect(() => parseMnistDigitFile('{"data": []}', '3.json')).toThrow(
      '"data" has 0 values; expected a positive multiple of 784',
    );
    const data = new Array<unknown>(2 * 784).fill(0);
    data[784 + 10] = '0.5';
    expect(() => parseMnistDigitFile(JSON.stringify({ data }), '3.json')).toThrow(
      'MNIST digit file 3.json: value 794 (image 1, pixel 10) is the string "0.5"; expected a number in [0, 1]',
    );
    expect(() => parseMnistDigitFile(digitFile(1, 255), '3.json')).toThrow(
      'value 0 (image 0, pixel 0) is number 255; expected a number in [0, 1]',
    );
  });
});
