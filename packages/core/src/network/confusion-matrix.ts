import { checkLabels } from './batch-data.js';

/**
 * The confusion matrix of predictions against true labels: entry [actual][predicted] counts the samples of class
 * `actual` predicted as `predicted`. The diagonal holds the correct predictions. `formatConfusionMatrix` of
 * `@bpnet/plot` prints it as a table.
 * @throws Error if the arrays differ in length or hold a label outside 0..classes − 1.
 */
export function confusionMatrix(
  predictions: readonly number[] | Int32Array,
  labels: readonly number[] | Int32Array,
  classes: number,
): number[][] {
  const actual = checkLabels(labels, labels.length, classes, 'confusionMatrix: labels');
  const predicted = checkLabels(predictions, labels.length, classes, 'confusionMatrix: predictions');
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((label, i) => counts[label][predicted[i]]++);
  return counts;
}
