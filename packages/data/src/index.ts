/**
 * @bpnet/data: real data for bpnet networks — Fisher's iris flowers, 10,000 MNIST digits and CSV tables — with
 * seeded stratified train/test splits and standardization fitted on the training data.
 * @module @bpnet/data
 * @packageDocumentation
 */
export type { Dataset, NamedDataset } from './dataset.js';
export { loadIris } from './load-iris.js';
export { loadMnistDigits } from './load-mnist-digits.js';
export { parseMnistDigitFile, mnistPixels } from './parse-mnist-digit-file.js';
export type { TrainTestSplit } from './train-test-split.js';
export { stratifiedSplit } from './stratified-split.js';
export { selectRows } from './select-rows.js';
export { selectLabels } from './select-labels.js';
export { splitDataset } from './split-dataset.js';
export { Standardization } from './standardization.js';
export { fitStandardization } from './fit-standardization.js';
export { type CsvRecord, parseCsv } from './parse-csv.js';
export { type CsvOptions, type CsvFileOptions, DEFAULT_CSV_MAX_BYTES } from './csv-options.js';
export { type CsvRawRecord, CsvRecordReader } from './csv-record-reader.js';
export { neutralizeFormulaCell, restoreFormulaCell } from './csv-formula-cells.js';
export { loadCsv } from './load-csv.js';
export { loadCsvFile } from './load-csv-file.js';
export { datasetToCsv } from './dataset-to-csv.js';
