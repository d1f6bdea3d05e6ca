/**
 * A confusion matrix as a text table for a terminal: one row per actual class, one column per predicted class, and
 * each row's recall, counts[k][k] / Σ_j counts[k][j] (`-` for a class with no samples).
 *
 * @param counts entry [actual][predicted], as `confusionMatrix` of `@bpnet/core` returns it.
 * @param classNames a name per class; default the class index.
 */
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
