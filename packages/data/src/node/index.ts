/**
 * @bpnet/data/node: reading data from files (Node.js only). Everything that needs no file system — iris, CSV text,
 * splits, standardization — is in the main entry `@bpnet/data`, which also works in a browser bundle.
 * @module @bpnet/data/node
 * @packageDocumentation
 */
export { loadCsvFile } from './load-csv-file.js';
export { type CsvFileOptions, DEFAULT_CSV_MAX_BYTES } from '../csv-options.js';
