import { Matrix } from '@bpnet/core';
import { expect, it } from 'vitest';
import { splitDataset } from './split-dataset.js';

it('takes the rows and labels a split names, in its order', () => {
  const dataset = {
    inputs: Matrix.fromRows([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ]),
    labels: [0, 1, 0, 1],
  };
  const { train, test } = splitDataset(dataset, { train: Int32Array.of(3, 0), test: Int32Array.of(1) });
  expect(train.inputs.toRows()).toEqual([
    [6, 7],
    [0, 1],
  ]);
  expect(train.labels).toEqual([1, 0]);
  expect(test.inputs.toRows()).toEqual([[2, 3]]);
  expect(test.labels).toEqual([1]);
  expect(() => splitDataset(dataset, { train: Int32Array.of(4), test: Int32Array.of() })).toThrow('selectRows');
});
