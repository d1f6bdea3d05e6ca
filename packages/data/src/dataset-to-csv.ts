import { Matrix } from '@bpnet/core';
import { checkLabels, describeValue, expectAllFinite, expectKnownOptions, expectObject } from '@bpnet/core/plugin';
import { neutralizeFormulaCell } from './csv-formula-cells.js';
import type { NamedDataset } from './dataset.js';
import { expectDelimiter } from './parse-csv.js';
import { quoteForMessage } from './quote-for-message.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Writes a {@link NamedDataset} as CSV text that {@link loadCsv} reads back to the same numbers, names and labels: a
 * header of `featureNames` and then `label`, one line per sample with its numbers (written in the shortest form that
 * reads back to the same float64; -0 is written as 0) and its class name, lines ending in `\n`.
 *
 * Text cells (names and class names) are written so that they read back exactly and are safe in a spreadsheet:
 * - a cell starting like a formula — `=`, `+`, `-`, `@`, a tab or a carriage return, possibly after single quotes —
 *   is neutralized the standard way: one `'` is put in front and the cell is quoted (`=HYPERLINK("x")` is written
 *   `"'=HYPERLINK(""x"")"`); loadCsv removes that `'` again;
 * - a cell holding the delimiter, a quote or a line break, starting or ending with white space, or empty, is quoted,
 *   with inner quotes doubled; loadCsv keeps a quoted cell's spaces.
 * Numbers are never neutralized (`-1.5` stays a number).
 *
 * The classes come back numbered by first appearance (as loadCsv numbers them), which is `labels` itself when each
 * class first appears after all lower-numbered ones (as in {@link loadIris}); classes that no row uses are not
 * written.
 * @param options - `label`: the label column's header name (`'label'` by default); `delimiter`: `','` by default.
 * @throws Error if the names do not match the matrix, a label is not an index into `classNames`, a value is not
 *   finite, the label name is also a feature name, or a name that loadCsv could not read back: not a string, empty,
 *   a feature name or class name given twice, or text with a lone UTF-16 surrogate (not writable as UTF-8).
 */
export function datasetToCsv(dataset: NamedDataset, options: { label?: string; delimiter?: string } = {}): string {
  const where = 'datasetToCsv';
  expectObject(dataset, `${where}: dataset`);
  expectKnownOptions(expectObject(options, `${where}: options`), ['label', 'delimiter'], `${where}: options`);
  const { inputs, labels, classNames, featureNames } = dataset;
  const label = options.label ?? 'label';
  const delimiter = expectDelimiter(options.delimiter ?? ',', `${where}: options.delimiter`);
  if (!(inputs instanceof Matrix)) throw new Error(`${where}: inputs must be a Matrix, got ${describeValue(inputs)}`);
  expectNames(featureNames, 'feature name', `${where}: featureNames`);
  if (featureNames.length !== inputs.cols) {
    throw new Error(
      `${where}: ${featureNames.length} feature names for ${inputs.cols} columns; expected one name per column`,
    );
  }
  expectNames([label], 'label name', `${where}: options.label`);
  if (featureNames.includes(label))
    throw new Error(
      `${where}: the label column ${quoteForMessage(label)} is also a feature name; expected another label name`,
    );
  expectNames(classNames, 'class name', `${where}: classNames`);
  checkLabels(labels, inputs.rows, classNames.length, `${where}: labels`);
  expectAllFinite(inputs, `${where}: inputs`);
  const text = (cell: string): string => {
    const written = neutralizeFormulaCell(cell);
    const mustQuote =
      written !== cell || written === '' || written.includes(delimiter) || /["\r\n]|^\s|\s$/.test(written);
    return mustQuote ? `"${written.replaceAll('"', '""')}"` : written;
  };
  const classCells = classNames.map(text);
  const lines = [[...featureNames, label].map(text).join(delimiter)];
  for (let i = 0; i < inputs.rows; i++) {
    lines.push([...Array.from(inputs.row(i), String), classCells[labels[i]]].join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Checks names that go into text cells: an array of non-empty, distinct strings of well-formed UTF-16.
 * @throws Error `"<where>: feature name 2 is empty; …"`, `"<where>: feature names 0 and 3 are both "a"; …"`, ….
 */
function expectNames(names: unknown, what: string, where: string): asserts names is string[] {
  if (!Array.isArray(names)) throw new Error(`${where} must be an array of ${what}s, got ${describeValue(names)}`);
  const seen = new Map<string, number>();
  names.forEach((name: unknown, index) => {
    if (typeof name !== 'string')
      throw new Error(`${where}: ${what} ${index} is ${describeValue(name)}; expected a string`);
    if (name === '')
      throw new Error(`${where}: ${what} ${index} is empty; loadCsv reads an empty name or label as missing`);
    if (loneSurrogate.test(name)) {
      throw new Error(
        `${where}: ${what} ${index} (${quoteForMessage(name)}) holds a lone ` +
          `UTF-16 surrogate, which UTF-8 cannot hold; expected well-formed text`,
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new Error(
        `${where}: ${what}s ${first} and ${index} are both ${quoteForMessage(name)}; ` +
          `loadCsv would read them as one; expected distinct names`,
      );
    }
    seen.set(name, index);
  });
}
