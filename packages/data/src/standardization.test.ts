import { Matrix, SeededRandom } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { fitStandardization } from './fit-standardization.js';
import { loadIris } from './load-iris.js';
import { selectRows } from './select-rows.js';
import { Standardization } from './standardization.js';
import { stratifiedSplit } from './stratified-split.js';

describe('fitStandardization', () => {
  // column 0: 1, 3, 5 → mean 3, std √((4 + 0 + 4)/3) = √(8/3)
  // column 1: 10, 20, 60 → mean 30, std √((400 + 100 + 900)/3) = √(1400/3)
  // column 2: 5, 5, 5 → all equal: mean 5, std 1
  const training = Matrix.fromRows([
    [1, 10, 5],
    [3, 20, 5],
    [5, 60, 5],
  ]);

  it('fits the mean and population std of each column, with std 1 for a constant column', () => {
    const standardization = fitStandardization(training);
    expect(Array.from(standardization.mean)).toEqual([3, 30, 5]);
    expect(standardization.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(standardization.std[1]).toBeCloseTo(Math.sqrt(1400 / 3), 13);
    expect(standardization.std[2]).toBe(1);
  });

  it('standardizes the training data to mean 0 and std 1 per column', () => {
    const z = fitStandardization(training).apply(training);
    expect(z.get(0, 0)).toBeCloseTo(-2 / Math.sqrt(8 / 3), 15); // −√(3/2) = −1.2247…
    expect(z.get(1, 0)).toBe(0);
    expect(z.get(2, 0)).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(z.get(0, 1)).toBeCloseTo(-20 / Math.sqrt(1400 / 3), 14); // −0.92582…
    expect(z.get(2, 1)).toBeCloseTo(30 / Math.sqrt(1400 / 3), 14); // 1.38873…
    expect([z.get(0, 2), z.get(1, 2), z.get(2, 2)]).toEqual([0, 0, 0]);
    expect(training.toRows()).toEqual([
      [1, 10, 5],
      [3, 20, 5],
      [5, 60, 5],
    ]); // not modified
  });

  it('applies the training statistics to test data', () => {
    const z = fitStandardization(training).apply(Matrix.fromRows([[7, 30, 6]]));
    expect(z.get(0, 0)).toBeCloseTo(Math.sqrt(6), 14); // (7 − 3)/√(8/3) = √6 = 2.449…
    expect(z.get(0, 1)).toBe(0);
    expect(z.get(0, 2)).toBe(1); // (6 − 5)/1
  });

  it('gives exactly 0 for a constant column whose mean does not round-trip (0.1 three times)', () => {
    const standardization = fitStandardization(Matrix.fromRows([[0.1], [0.1], [0.1]]));
    expect(standardization.mean[0]).toBe(0.1);
    expect(standardization.std[0]).toBe(1);
    expect(Array.from(standardization.apply(Matrix.fromRows([[0.1], [0.6]])).data)).toEqual([0, 0.5]);
  });

  it('fitted on the iris training part, standardizes the test part with the training statistics', () => {
    const { inputs, labels } = loadIris();
    const { train, test } = stratifiedSplit(labels, 0.2, new SeededRandom(11));
    const trainInputs = selectRows(inputs, train);
    const standardization = fitStandardization(trainInputs);
    const zTrain = standardization.apply(trainInputs);
    for (let j = 0; j < 4; j++) {
      const column = zTrain.toRows().map((row) => row[j]);
      const mean = column.reduce((a, b) => a + b) / column.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(Math.sqrt(column.reduce((sum, z) => sum + (z - mean) ** 2, 0) / column.length)).toBeCloseTo(1, 12);
    }
    const zTest = standardization.apply(selectRows(inputs, test));
    const x = inputs.get(test[0], 2);
    expect(zTest.get(0, 2)).toBe((x - standardization.mean[2]) / standardization.std[2]);
    expect(fitStandardization(selectRows(inputs, test)).mean[2]).not.toBe(standardization.mean[2]);
  });

  it('says what is wrong', () => {
    expect(() => fitStandardization(Matrix.zeros(0, 3))).toThrow(
      'fitStandardization: the matrix has no rows; expected at least one sample to fit on',
    );
    expect(() => fitStandardization(Matrix.fromRows([[1, Number.NaN]]))).toThrow(
      'fitStandardization: row 0, column 1 is NaN; expected finite numbers',
    );
    expect(() => fitStandardization([[1]] as unknown as Matrix)).toThrow(
      'fitStandardization: expected a Matrix, got an array of length 1',
    );
    const standardization = fitStandardization(training);
    expect(() => standardization.apply(Matrix.zeros(1, 2))).toThrow(
      'Standardization.apply: the matrix has 2 columns, expected 3 (the columns it was fitted on)',
    );
    expect(() => standardization.apply(Matrix.fromRows([[1, 2, Infinity]]))).toThrow(
      'Standardization.apply: row 0, column 2 is Infinity',
    );
  });
});

describe('Standardization', () => {
  it('can be built from saved statistics, and checks them', () => {
    const standardization = new Standardization([1, 2], [2, 4]);
    expect(Array.from(standardization.apply(Matrix.fromRows([[3, 0]])).data)).toEqual([1, -0.5]);
    expect(() => new Standardization([1, 2], [1])).toThrow(
      'Standardization: 2 means and 1 standard deviations; expected one of each per column',
    );
    expect(() => new Standardization([1], [0])).toThrow(
      'Standardization: std 0 is number 0; expected a positive finite number',
    );
    expect(() => new Standardization([Number.NaN], [1])).toThrow(
      'Standardization: mean 0 is number NaN; expected a finite number',
    );
  });
});
