import { describeValue } from '@bpnet/core/plugin';
import { type CsvFileOptions, DEFAULT_CSV_MAX_BYTES } from '../csv-options.js';
import type { NamedDataset } from '../dataset.js';
import { csvTableReader } from '../load-csv.js';
import { readUtf8File } from './read-utf8-file.js';

/**
 * Reads a CSV file with {@link "@bpnet/data"!loadCsv}'s rules, streaming it: the file is read and decoded in chunks
 * of 64 KiB and parsed as it comes, so the work is linear in its size and the text is never held whole. The file must
 * be UTF-8 (a byte-order mark is allowed): bytes that are not, such as Latin-1 text, are refused naming their line,
 * never read as U+FFFD. Files over `options.maxBytes` (128 MiB by default) are refused before they are read whole.
 * Error messages name the file by `path` (or `options.source`). Node.js only: import it from `@bpnet/data/node`.
 * @throws Error `"CSV file <path>: cannot be read: …"` if the file cannot be opened or read;
 *   `"<path>: the file has N bytes, more than the limit of M (options.maxBytes); nothing was read"`;
 *   `"<path>: the file is longer than the limit of M bytes (options.maxBytes); stopped reading after M + 1 bytes"`
 *   for a pipe or a growing file; `"<path> line 3: byte 0xE9 (file offset 57) is not UTF-8; expected the file in
 *   UTF-8 (…)"`; `"loadCsvFile: options.maxBytes must be a positive integer, got …"`; and
 *   {@link "@bpnet/data"!loadCsv}'s errors.
 */
export function loadCsvFile(path: string, options: CsvFileOptions): NamedDataset {
  if (typeof path !== 'string' || path === '')
    throw new Error(`loadCsvFile: path must be a file name, got ${describeValue(path)}`);
  const { reader, table, source } = csvTableReader(options, 'loadCsvFile', ['maxBytes'], path);
  const maxBytes = options.maxBytes ?? DEFAULT_CSV_MAX_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new Error(`loadCsvFile: options.maxBytes must be a positive integer, got ${describeValue(maxBytes)}`);
  }
  readUtf8File(path, maxBytes, source, (text) => reader.push(text));
  reader.end();
  return table.finish();
}
