import { describeValue } from '@bpnet/core/plugin';
import { checkIndices } from './check-indices.js';

/**
 * The labels at `indices`, in their order (repeats allowed), e.g. the test labels of a {@link stratifiedSplit}.
 * @throws Error if `labels` is not an array or an index is not an integer position in it.
 */
export function selectLabels(
  labels: readonly number[] | Int32Array,
  indices: readonly number[] | Int32Array,
): number[] {
  if (!Array.isArray(labels) && !(labels instanceof Int32Array)) {
    throw new Error(`selectLabels: labels must be an array or Int32Array, got ${describeValue(labels)}`);
  }
  checkIndices(indices, labels.length, 'labels', `selectLabels(${labels.length} labels)`);
  return Array.from(indices, (index) => labels[index]);
}
