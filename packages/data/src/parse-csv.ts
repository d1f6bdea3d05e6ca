import { describeValue } from '@bpnet/core/plugin';
import { CsvRecordReader } from './csv-record-reader.js';

/** One record (row) of a CSV text. */
export interface CsvRecord {
  /** The 1-based line on which the record starts (a quoted field may run over several lines). */
  line: number;
  /** The record's fields: quoted fields without their quotes and with `""` made `"`, other fields as written. */
  fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180 with some leniency). Fields are separated by `delimiter`; a field whose
 * first character other than spaces (and tabs) is `"` is quoted: it may hold the delimiter, line breaks and doubled
 * quotes (`""` for `"`), and only spaces may follow its closing quote. Lines end in LF, CRLF or CR. A leading
 * byte-order mark is skipped. Blank lines (empty or only spaces and tabs) at the end of the text are ignored; a blank
 * line followed by more records is an error, since it usually means a damaged or concatenated file. The work is linear
 * in the text's length (see {@link CsvRecordReader}, which reads text in pieces).
 * @param delimiter - one character other than `"`, a space or a line break; `,` by default.
 * @param source - the file name used in error messages (`'<csv>'` for text).
 * @throws Error `"<source> line L, column C: …"` (C counts characters from 1) for a quote inside an unquoted field,
 *   text after a closing quote, a quoted field that is never closed, or a blank line between records; `"<source>: …"`
 *   for a bad delimiter.
 */
export function parseCsv(text: string, delimiter = ',', source = '<csv>'): CsvRecord[] {
  if (typeof text !== 'string')
    throw new Error(`${source}: expected the CSV text as a string, got ${describeValue(text)}`);
  expectDelimiter(delimiter, source);
  const records: CsvRecord[] = [];
  const reader = new CsvRecordReader(({ line, fields }) => records.push({ line, fields }), delimiter, source);
  reader.push(text);
  reader.end();
  return records;
}

/**
 * Checks a CSV delimiter: one character other than `"`, a space, CR or LF.
 * @throws Error `"<where>: the delimiter must be one character other than …, got …"`.
 */
export function expectDelimiter(delimiter: unknown, where: string): string {
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || '" \r\n'.includes(delimiter)) {
    throw new Error(
      `${where}: the delimiter must be one character other than a quote, ` +
        `a space or a line break, got ${describeValue(delimiter)}`,
    );
  }
  return delimiter;
}
