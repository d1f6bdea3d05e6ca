/**
 * @bpnet/data: real data for bpnet networks — Fisher's iris flowers and CSV tables — with seeded stratified
 * train/test splits and standardization fitted on the training data. This entry imports nothing from Node.js, so it
 * works in a browser bundle; reading CSV files is in `@bpnet/data/node`, the MNIST digits in `@bpnet/mnist`.
 * @module @bpnet/data
 * @packageDocumentation
 */
export type { Dataset, NamedDataset } from './dataset.js';
export { loadIris } from './load-iris.js';
export type { TrainTestSplit } from './train-test-split.js';
export { stratifiedSplit } from './stratified-split.js';
export { selectRows } from './select-rows.js';
export { selectLabels } from './select-labels.js';
export { splitDataset } from './split-dataset.js';
export { Standardization } from './standardization.js';
export { fitStandardization } from './fit-standardization.js';
export { type CsvRecord, parseCsv } from './parse-csv.js';
export type { CsvOptions } from './csv-options.js';
export { type CsvRawRecord, CsvRecordReader } from './csv-record-reader.js';
export { neutralizeFormulaCell, restoreFormulaCell } from './csv-formula-cells.js';
export { loadCsv } from './load-csv.js';
export { datasetToCsv } from './dataset-to-csv.js';
