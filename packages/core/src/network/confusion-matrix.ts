import { checkLabels } from './batch-data.js';

/**
 * The confusion matrix of predictions against true labels: entry [actual][predicted] counts the samples of class
 * `actual` predicted as `predicted`. The diagonal holds the correct predictions.
 * @throws Error if the arrays differ in length or hold a label outside 0..classes − 1.
 */
export function confusionMatrix(predictions: readonly number[] | Int32Array, labels: readonly number[] | Int32Array, classes: number): number[][] {
  const actual = checkLabels(labels, labels.length, classes, 'confusionMatrix: labels');
  const predicted = checkLabels(predictions, labels.length, classes, 'confusionMatrix: predictions');
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((label, i) => counts[label][predicted[i]]++);
  return counts;
}

/** The confusion matrix as a table: one row per actual class, one column per predicted class, with per-class recall. */
export function formatConfusionMatrix(counts: readonly (readonly number[])[], classNames?: readonly string[]): string {
  const names = counts.map((_, k) => classNames?.[k] ?? String(k));
  const width = Math.max(5, ...names.map((name) => name.length), ...counts.flat().map((count) => String(count).length));
  const cell = (text: string) => text.padStart(width);
  const lines = [`${cell('')}  ${names.map(cell).join(' ')}   recall   (rows: actual, columns: predicted)`];
  counts.forEach((row, k) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    const recall = total === 0 ? '   -' : (row[k] / total).toFixed(3);
    lines.push(`${cell(names[k])}  ${row.map((count) => cell(String(count))).join(' ')}   ${recall}`);
  });
  return lines.join('\n');
}
