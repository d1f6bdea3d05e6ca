import { type RandomSource, SeededRandom } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { loadIris } from './load-iris.js';
import { stratifiedSplit } from './stratified-split.js';

/** A random source whose shuffle reverses, so the test part of each class is its last indices. */
const reversing: RandomSource = {
  uniform: () => 0,
  normal: () => 0,
  integer: () => 0,
  shuffle: (values) => void values.reverse(),
  sample: (_n, out) => out,
};

function classCounts(labels: readonly number[], indices: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const index of indices) counts.set(labels[index], (counts.get(labels[index]) ?? 0) + 1);
  return counts;
}

describe('stratifiedSplit', () => {
  it('keeps the class proportions of iris: 10 of each 50 in the test part at 0.2', () => {
    const { labels } = loadIris();
    const { train, test } = stratifiedSplit(labels, 0.2, new SeededRandom(7));
    expect(train).toBeInstanceOf(Int32Array);
    expect(test).toHaveLength(30);
    expect(train).toHaveLength(120);
    expect(classCounts(labels, test)).toEqual(
      new Map([
        [0, 10],
        [1, 10],
        [2, 10],
      ]),
    );
    expect(classCounts(labels, train)).toEqual(
      new Map([
        [0, 40],
        [1, 40],
        [2, 40],
      ]),
    );
  });

  it('puts every index in exactly one part, each part ascending', () => {
    const labels = [2, 0, 1, 1, 0, 2, 2, 0, 1, 0, 0, 2, 1, 1, 0];
    const { train, test } = stratifiedSplit(labels, 0.3, new SeededRandom(1));
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(labels.map((_, index) => index));
    expect(new Set([...train, ...test]).size).toBe(labels.length);
    expect([...train]).toEqual([...train].sort((a, b) => a - b));
    expect([...test]).toEqual([...test].sort((a, b) => a - b));
  });

  it('is the same for the same seed and different for another', () => {
    const { labels } = loadIris();
    const first = stratifiedSplit(labels, 0.25, new SeededRandom(3));
    const again = stratifiedSplit(labels, 0.25, new SeededRandom(3));
    const other = stratifiedSplit(labels, 0.25, new SeededRandom(4));
    expect(again.test).toEqual(first.test);
    expect(again.train).toEqual(first.train);
    expect(other.test).not.toEqual(first.test);
    expect(other.test).toHaveLength(first.test.length); // round(50 × 0.25) = round(12.5) = 13 per class
    expect(first.test).toHaveLength(39);
  });

  it('takes the test part from the front of each class after random.shuffle', () => {
    // class 0 at 0, 2, 4, 6; class 1 at 1, 3, 5, 7, 8, 9: round(4 × 0.5) = 2 and round(6 × 0.5) = 3
    const labels = [0, 1, 0, 1, 0, 1, 0, 1, 1, 1];
    const { train, test } = stratifiedSplit(labels, 0.5, reversing);
    expect([...test]).toEqual([4, 6, 7, 8, 9]);
    expect([...train]).toEqual([0, 1, 2, 3, 5]);
  });

  it('tests at least 1 and at most count − 1 of a class of 2 or more, and trains on a single sample', () => {
    // class 0: 2 samples, class 5: 3 samples, class 9: 1 sample
    const labels = new Int32Array([0, 5, 0, 5, 5, 9]);
    const small = stratifiedSplit(labels, 0.01, reversing); // round(2 × 0.01) = 0 → 1; round(3 × 0.01) = 0 → 1
    expect([...small.test]).toEqual([2, 4]);
    expect([...small.train]).toEqual([0, 1, 3, 5]);
    const large = stratifiedSplit(labels, 0.99, reversing); // round(2 × 0.99) = 2 → 1; round(3 × 0.99) = 3 → 2
    expect([...large.test]).toEqual([2, 3, 4]);
    expect([...large.train]).toEqual([0, 1, 5]);
  });

  it('says what is wrong with its arguments', () => {
    const random = new SeededRandom(0);
    for (const fraction of [0, 1, -0.5, Number.NaN]) {
      expect(() => stratifiedSplit([0, 1], fraction, random)).toThrow(
        `stratifiedSplit: testFraction must be a number strictly between 0 and 1, got number ${fraction}`,
      );
    }
    expect(() => stratifiedSplit([0, 1], '0.2' as unknown as number, random)).toThrow('got the string "0.2"');
    expect(() => stratifiedSplit([0, 1, -1], 0.5, random)).toThrow(
      'stratifiedSplit: label 2 is number -1; expected a non-negative integer class',
    );
    expect(() => stratifiedSplit([0, 1.5], 0.5, random)).toThrow(
      'stratifiedSplit: label 1 is number 1.5; expected a non-negative integer class',
    );
    expect(() => stratifiedSplit([0, '1' as unknown as number], 0.5, random)).toThrow('label 1 is the string "1"');
    expect(() => stratifiedSplit([], 0.5, random)).toThrow(
      'stratifiedSplit: labels is empty; expected one class per sample',
    );
    expect(() => stratifiedSplit('abc' as unknown as number[], 0.5, random)).toThrow(
      'stratifiedSplit: labels must be an array of integer classes, got the string "abc"',
    );
    expect(() => stratifiedSplit([0, 1], 0.5, undefined as unknown as RandomSource)).toThrow(
      'stratifiedSplit: random must be a RandomSource (such as new SeededRandom(seed)), got undefined',
    );
  });
});
