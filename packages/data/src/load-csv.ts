import { describeValue, expectKnownOptions, expectObject } from '@bpnet/core/plugin';
import type { CsvOptions } from './csv-options.js';
import { CsvRecordReader } from './csv-record-reader.js';
import { CsvTableBuilder } from './csv-table-builder.js';
import type { NamedDataset } from './dataset.js';
import { expectDelimiter } from './parse-csv.js';

/**
 * Reads a table of numeric features and a class column from CSV text (see {@link parseCsv} for the quoting rules).
 * The first line is the header, naming the columns; every later non-blank line is one sample. The work is linear in
 * the text's length (a header of 100,000 columns included) and the memory grows with the numbers read, not the text.
 *
 * - `featureNames`: the header's names except the label column, in the header's order; `inputs` has one column
 *   for each. A feature cell is a decimal number such as `5`, `-0.25` or `1e-3`, with or without quotes and spaces.
 * - `labels`, `classNames`: label values are always text (`"2"` too), and each distinct value becomes a class in
 *   the order of its first appearance: `classNames[labels[n]]` is row n's label value.
 *
 * Names and label values: an unquoted one loses its surrounding white space, a quoted one is taken exactly as
 * written (`" a "` is the name ` a `). Then a value written neutralized for spreadsheets by {@link datasetToCsv}
 * (one or more `'` followed by `=`, `+`, `-`, `@`, a tab or a CR) loses its first `'`: `"'=SUM(A1)"` reads as
 * `=SUM(A1)`. `options.label` is matched exactly against the names so read. Blank lines at the end are ignored.
 * @throws Error naming the source, the line and the column, and saying what was expected, e.g.
 *   `data.csv line 7: 3 fields, expected 5 (the header has 5 columns)`,
 *   `data.csv line 4, column "petal_width": "abc" is not a number`,
 *   `data.csv line 9: the label column "species" is empty`,
 *   `data.csv line 1: the header has no column "species" (the label option); its columns are: "a", "b", "c"`, and
 *   for an empty file or one with only a header. Names and cells in messages are JSON-quoted and cut to 40
 *   characters.
 */
export function loadCsv(text: string, options: CsvOptions): NamedDataset {
  const { reader, table, source } = csvTableReader(options, 'loadCsv');
  if (typeof text !== 'string')
    throw new Error(`${source}: expected the CSV text as a string, got ${describeValue(text)}`);
  reader.push(text);
  reader.end();
  return table.finish();
}

/**
 * Checks {@link CsvOptions} (and any `extraOptions` the caller takes) and connects a {@link CsvRecordReader} to a
 * {@link CsvTableBuilder}: text pushed into `reader` (then `reader.end()`) builds `table`.
 * @param where - the function name for option errors, e.g. `'loadCsv'`.
 * @param defaultSource - the source name when `options.source` is not given.
 */
export function csvTableReader(
  options: CsvOptions,
  where: string,
  extraOptions: readonly string[] = [],
  defaultSource = '<csv>',
): { reader: CsvRecordReader; table: CsvTableBuilder; source: string } {
  const checked = expectObject(options, `${where}: options`);
  expectKnownOptions(checked, ['label', 'delimiter', 'source', ...extraOptions], `${where}: options`);
  const source = options.source ?? defaultSource;
  if (typeof source !== 'string')
    throw new Error(`${where}: options.source must be a string, got ${describeValue(source)}`);
  const labelName = options.label;
  if (typeof labelName !== 'string' || labelName === '') {
    throw new Error(
      `${source}: options.label must be the header name of the label column, got ${describeValue(labelName)}`,
    );
  }
  const delimiter = expectDelimiter(options.delimiter ?? ',', `${source}: options.delimiter`);
  const table = new CsvTableBuilder(labelName, source);
  const reader = new CsvRecordReader((record) => table.add(record), delimiter, source);
  return { reader, table, source };
}
