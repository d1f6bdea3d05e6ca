import type { Matrix } from '@bpnet/core';

/**
 * Samples and their classes: row n of `inputs` is sample n, `labels[n]` its integer class (0, 1, 2, …). The shape
 * `train(network, inputs, labels, options)` takes.
 */
export interface Dataset {
  /** One row per sample, one column per feature (float64). */
  inputs: Matrix;
  /** One integer class per sample, in the order of the rows. */
  labels: number[];
}

/** A {@link Dataset} that also names its classes and its features. */
export interface NamedDataset extends Dataset {
  /** `classNames[k]` is the name of class k (the label value `k` stands for). */
  classNames: string[];
  /** `featureNames[j]` is the name of column j of `inputs`. */
  featureNames: string[];
}
