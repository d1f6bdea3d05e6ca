import { describeValue, expectKnownOptions, expectObject, Matrix } from '@bpnet/core';
import type { CsvOptions } from './csv-options.js';
import type { NamedDataset } from './dataset.js';
import { expectDelimiter, parseCsv } from './parse-csv.js';

const decimalNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a table of numeric features and a class column from CSV text (see {@link parseCsv} for the quoting rules).
 * The first line is the header, naming the columns; every later non-blank line is one sample.
 *
 * - `featureNames`: the header's names except the label column, in the header's order; `inputs` has one column
 *   for each. A feature cell is a decimal number such as `5`, `-0.25` or `1e-3`.
 * - `labels`, `classNames`: label values are always text (`"2"` too), and each distinct value becomes a class in
 *   the order of its first appearance: `classNames[labels[n]]` is row n's label value.
 *
 * Spaces around header names, label values and numbers are removed. Blank lines at the end are ignored.
 * @throws Error naming the source, the line and the column, and saying what was expected, e.g.
 *   `data.csv line 7: 3 fields, expected 5 (the header has 5 columns)`,
 *   `data.csv line 4, column "petal_width": "abc" is not a number`,
 *   `data.csv line 9: the label column "species" is empty`,
 *   `data.csv line 1: the header has no column "species"; its columns are: a, b, c`, and for an empty file or one
 *   with only a header.
 */
export function loadCsv(text: string, options: CsvOptions): NamedDataset {
  const checked = expectObject(options, 'loadCsv: options');
  expectKnownOptions(checked, ['label', 'delimiter', 'source'], 'loadCsv: options');
  const source = options.source ?? '<csv>';
  if (typeof source !== 'string') throw new Error(`loadCsv: options.source must be a string, got ${describeValue(source)}`);
  const labelName = options.label;
  if (typeof labelName !== 'string' || labelName.trim() === '') {
    throw new Error(`${source}: options.label must be the header name of the label column, got ${describeValue(labelName)}`);
  }
  const delimiter = expectDelimiter(options.delimiter ?? ',', `${source}: options.delimiter`);

  const records = parseCsv(text, delimiter, source);
  if (records.length === 0) throw new Error(`${source}: the file is empty; expected a header line and at least one data row`);
  const [header, ...rows] = records;
  const names = header.fields.map((name) => name.trim());
  names.forEach((name, column) => {
    if (name === '') throw new Error(`${source} line ${header.line}: header column ${column + 1} has no name; expected every column named`);
    const first = names.indexOf(name);
    if (first !== column) {
      throw new Error(`${source} line ${header.line}: the header names "${name}" twice (columns ${first + 1} and ${column + 1}); expected distinct names`);
    }
  });
  const labelColumn = names.indexOf(labelName.trim());
  if (labelColumn < 0) {
    throw new Error(`${source} line ${header.line}: the header has no column "${labelName}" (the label option); its columns are: ${names.join(', ')}`);
  }
  if (names.length < 2) {
    throw new Error(`${source} line ${header.line}: the header has only the label column "${labelName}"; expected at least one feature column`);
  }
  if (rows.length === 0) {
    throw new Error(`${source}: no data rows after the header on line ${header.line}; expected at least one row`);
  }

  const featureNames = names.filter((_, column) => column !== labelColumn);
  const features = featureNames.length;
  const inputs = new Matrix(rows.length, features);
  const labels: number[] = [];
  const classNames: string[] = [];
  const classOf = new Map<string, number>();
  rows.forEach(({ line, fields }, row) => {
    if (fields.length !== names.length) {
      const found = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
      throw new Error(`${source} line ${line}: ${found}, expected ${names.length} (the header has ${names.length} columns)`);
    }
    let feature = 0;
    fields.forEach((field, column) => {
      const value = field.trim();
      if (column === labelColumn) {
        if (value === '') throw new Error(`${source} line ${line}: the label column "${names[column]}" is empty`);
        let label = classOf.get(value);
        if (label === undefined) {
          label = classNames.push(value) - 1;
          classOf.set(value, label);
        }
        labels.push(label);
        return;
      }
      if (value === '') throw new Error(`${source} line ${line}, column "${names[column]}": the cell is empty; expected a number`);
      const number = decimalNumber.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(number)) {
        const why = Number.isNaN(number) ? 'is not a number' : 'is out of the float64 range';
        throw new Error(`${source} line ${line}, column "${names[column]}": ${JSON.stringify(field)} ${why}`);
      }
      inputs.data[row * features + feature++] = number;
    });
  });
  return { inputs, labels, classNames, featureNames };
}
