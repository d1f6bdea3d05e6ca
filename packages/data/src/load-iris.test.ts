import { describe, expect, it } from 'vitest';
import { loadIris } from './load-iris.js';

describe('loadIris', () => {
  it('returns the 150 flowers as a 150×4 matrix with 50 of each species', () => {
    const { inputs, labels, classNames, featureNames } = loadIris();
    expect(inputs.shape).toBe('150×4');
    expect(inputs.data).toBeInstanceOf(Float64Array);
    expect(labels).toHaveLength(150);
    expect(classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const counts = [0, 0, 0];
    for (const label of labels) counts[label]++;
    expect(counts).toEqual([50, 50, 50]);
    expect(labels.slice(0, 50).every((label) => label === 0)).toBe(true);
    expect(labels.slice(50, 100).every((label) => label === 1)).toBe(true);
    expect(labels.slice(100).every((label) => label === 2)).toBe(true);
  });

  it("has the known measurements: first row, Fisher's sample 35, first versicolor, last row", () => {
    const { inputs, labels, classNames } = loadIris();
    expect(Array.from(inputs.row(0))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(classNames[labels[0]]).toBe('setosa');
    expect(Array.from(inputs.row(34))).toEqual([4.9, 3.1, 1.5, 0.2]);
    expect(Array.from(inputs.row(50))).toEqual([7, 3.2, 4.7, 1.4]);
    expect(classNames[labels[50]]).toBe('versicolor');
    expect(Array.from(inputs.row(149))).toEqual([5.9, 3, 5.1, 1.8]);
    expect(classNames[labels[149]]).toBe('virginica');
  });

  it('has the well-known column means 5.8433, 3.0573, 3.758, 1.1993', () => {
    const { inputs } = loadIris();
    const means = [0, 1, 2, 3].map((j) => inputs.toRows().reduce((sum, row) => sum + row[j], 0) / 150);
    expect(means[0]).toBeCloseTo(5.843333, 5);
    expect(means[1]).toBeCloseTo(3.057333, 5);
    expect(means[2]).toBeCloseTo(3.758, 5);
    expect(means[3]).toBeCloseTo(1.199333, 5);
  });

  it('returns new arrays on each call', () => {
    const first = loadIris();
    first.inputs.set(0, 0, -1);
    first.labels[0] = 2;
    first.classNames[0] = 'changed';
    const second = loadIris();
    expect(second.inputs.get(0, 0)).toBe(5.1);
    expect(second.labels[0]).toBe(0);
    expect(second.classNames[0]).toBe('setosa');
  });
});
