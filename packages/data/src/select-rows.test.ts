import { Matrix, SeededRandom } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { loadIris } from './load-iris.js';
import { selectLabels } from './select-labels.js';
import { selectRows } from './select-rows.js';
import { stratifiedSplit } from './stratified-split.js';

describe('selectRows and selectLabels', () => {
  const matrix = Matrix.fromRows([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it('copy the given rows and labels in the given order', () => {
    const selected = selectRows(matrix, new Int32Array([2, 0, 2]));
    expect(selected.toRows()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    selected.set(1, 0, 100);
    expect(matrix.get(0, 0)).toBe(1);
    expect(selectRows(matrix, []).shape).toBe('0×2');
    expect(selectLabels([7, 8, 9], [1, 1, 0])).toEqual([8, 8, 7]);
    expect(selectLabels(new Int32Array([7, 8, 9]), new Int32Array([2]))).toEqual([9]);
  });

  it('take the parts of a split out of iris', () => {
    const { inputs, labels } = loadIris();
    const { train, test } = stratifiedSplit(labels, 0.2, new SeededRandom(5));
    const testInputs = selectRows(inputs, test);
    const testLabels = selectLabels(labels, test);
    expect(testInputs.shape).toBe('30×4');
    expect(selectRows(inputs, train).shape).toBe('120×4');
    expect(Array.from(testInputs.row(29))).toEqual(Array.from(inputs.row(test[29])));
    expect(testLabels.filter((label) => label === 2)).toHaveLength(10);
  });

  it('name the bad index and the valid range', () => {
    expect(() => selectRows(matrix, [0, 3])).toThrow(
      'selectRows(3×2 matrix): index 1 is number 3; expected an integer in 0..2 (there are 3 rows)',
    );
    expect(() => selectRows(matrix, [-1])).toThrow('index 0 is number -1; expected an integer in 0..2');
    expect(() => selectRows(matrix, [0.5])).toThrow('index 0 is number 0.5');
    expect(() => selectRows([[1]] as unknown as Matrix, [0])).toThrow(
      'selectRows: expected a Matrix, got an array of length 1',
    );
    expect(() => selectLabels([1, 2], [2])).toThrow(
      'selectLabels(2 labels): index 0 is number 2; expected an integer in 0..1 (there are 2 labels)',
    );
    expect(() => selectLabels([], [0])).toThrow(
      'selectLabels(0 labels): index 0 is number 0; expected no index (there are no labels)',
    );
    expect(() => selectLabels([1], 'a' as unknown as number[])).toThrow(
      'indices must be an array or Int32Array of integers, got the string "a"',
    );
  });
});
