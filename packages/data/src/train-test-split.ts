/** Row indices of a train/test split: each sample is in exactly one part, indices ascending in each. */
export interface TrainTestSplit {
  /** The training samples' indices, ascending. */
  train: Int32Array;
  /** The test samples' indices, ascending. */
  test: Int32Array;
}
