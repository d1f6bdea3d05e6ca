import { checkLabels, describeValue, expectAllFinite, Matrix } from '@bpnet/core';
import type { NamedDataset } from './dataset.js';
import { expectDelimiter } from './parse-csv.js';

/**
 * Writes a {@link NamedDataset} as CSV text that {@link loadCsv} reads back to the same data: a header of
 * `featureNames` and then `label`, one line per sample with its numbers (written in the shortest form that reads
 * back to the same float64) and its class name, lines ending in `\n`. Fields holding the delimiter, a quote, a line
 * break or surrounding spaces are quoted, with inner quotes doubled. (loadCsv trims names and labels, so a class
 * name with surrounding spaces comes back without them; -0 is written as 0.)
 * @param options - `label`: the label column's header name (`'label'` by default); `delimiter`: `','` by default.
 * @throws Error if the names do not match the matrix, a label is not an index into `classNames`, a value is not
 *   finite, or the label name is also a feature name.
 */
export function datasetToCsv(dataset: NamedDataset, options: { label?: string; delimiter?: string } = {}): string {
  const where = 'datasetToCsv';
  const { inputs, labels, classNames, featureNames } = dataset;
  const label = options.label ?? 'label';
  const delimiter = expectDelimiter(options.delimiter ?? ',', `${where}: options.delimiter`);
  if (!(inputs instanceof Matrix)) throw new Error(`${where}: inputs must be a Matrix, got ${describeValue(inputs)}`);
  if (featureNames.length !== inputs.cols) {
    throw new Error(`${where}: ${featureNames.length} feature names for ${inputs.cols} columns; expected one name per column`);
  }
  if (featureNames.includes(label)) throw new Error(`${where}: the label column "${label}" is also a feature name; expected another label name`);
  checkLabels(labels, inputs.rows, classNames.length, `${where}: labels`);
  expectAllFinite(inputs, `${where}: inputs`);
  const quote = (field: string): string =>
    field.includes(delimiter) || /["\r\n]|^\s|\s$/.test(field) || field === '' ? `"${field.replaceAll('"', '""')}"` : field;
  const lines = [[...featureNames, label].map(quote).join(delimiter)];
  for (let i = 0; i < inputs.rows; i++) {
    lines.push([...Array.from(inputs.row(i), String), quote(classNames[labels[i]])].join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}
