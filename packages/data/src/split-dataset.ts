import type { Dataset } from './dataset.js';
import { selectLabels } from './select-labels.js';
import { selectRows } from './select-rows.js';
import type { TrainTestSplit } from './train-test-split.js';

/**
 * The two parts of `dataset` that `split` names (e.g. a {@link stratifiedSplit}): each part's rows and labels, in
 * the order of the split's indices.
 * @throws Error if an index is not a row of the data set.
 */
export function splitDataset(dataset: Dataset, split: TrainTestSplit): { train: Dataset; test: Dataset } {
  const part = (indices: Int32Array): Dataset => ({
    inputs: selectRows(dataset.inputs, indices),
    labels: selectLabels(dataset.labels, indices),
  });
  return { train: part(split.train), test: part(split.test) };
}
