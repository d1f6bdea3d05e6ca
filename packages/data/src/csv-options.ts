/** How {@link loadCsv} and {@link loadCsvFile} read a CSV table. */
export interface CsvOptions {
  /** The header name of the column that holds each row's class; every other column is a numeric feature. */
  label: string;
  /** The field separator, one character other than `"`, a space or a line break; `','` by default. */
  delimiter?: string;
  /** The name used in error messages: `'<csv>'` by default for {@link loadCsv}, the path for {@link loadCsvFile}. */
  source?: string;
}
