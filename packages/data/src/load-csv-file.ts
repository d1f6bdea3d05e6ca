import { readFileSync } from 'node:fs';
import type { CsvOptions } from './csv-options.js';
import type { NamedDataset } from './dataset.js';
import { loadCsv } from './load-csv.js';

/**
 * Reads a CSV file (UTF-8) with {@link loadCsv}; error messages name the file by `path` (or `options.source`).
 * @throws Error `"CSV file <path>: cannot be read: …"` if the file cannot be read, and {@link loadCsv}'s errors.
 */
export function loadCsvFile(path: string, options: CsvOptions): NamedDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`CSV file ${path}: cannot be read: ${(error as Error).message}`);
  }
  return loadCsv(text, { ...options, source: options?.source ?? path });
}
