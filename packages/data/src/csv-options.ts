/** How {@link loadCsv} and {@link "@bpnet/data/node"!loadCsvFile} read a CSV table. */
export interface CsvOptions {
  /**
   * The header name of the label column, the column that holds each row's class; every other column is a numeric
   * feature. Matched exactly against the names as read (unquoted names without surrounding spaces, quoted names as
   * written).
   */
  label: string;
  /** The field separator, one character other than `"`, a space or a line break; `','` by default. */
  delimiter?: string;
  /**
   * The name used in error messages: `'<csv>'` by default for {@link loadCsv}, the path for
   * {@link "@bpnet/data/node"!loadCsvFile}.
   */
  source?: string;
}

/** The default of {@link CsvFileOptions.maxBytes}: 128 MiB. */
export const DEFAULT_CSV_MAX_BYTES = 128 * 1024 * 1024;

/** How {@link "@bpnet/data/node"!loadCsvFile} reads a CSV file: {@link CsvOptions} and a size limit. */
export interface CsvFileOptions extends CsvOptions {
  /**
   * The largest file accepted, in bytes: a positive integer, {@link DEFAULT_CSV_MAX_BYTES} (128 MiB) by default. A
   * larger regular file is refused before anything is read; a pipe or a growing file is refused after
   * `maxBytes + 1` bytes. The data set read from a file of B bytes takes at most about 8·B bytes of memory while it is
   * built (every cell is at least one digit and a delimiter, 2 bytes for 8 bytes of float64, kept once while reading
   * and once in the final matrix), 1 GiB at the default.
   */
  maxBytes?: number;
}
