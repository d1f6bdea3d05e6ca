import { describeValue } from '@bpnet/core';

/** One record (row) of a CSV text. */
export interface CsvRecord {
  /** The 1-based line on which the record starts (a quoted field may run over several lines). */
  line: number;
  /** The record's fields: quoted fields without their quotes and with `""` made `"`, other fields as written. */
  fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180 with some leniency). Fields are separated by `delimiter`; a field whose
 * first character other than spaces (and tabs) is `"` is quoted: it may hold the delimiter, line breaks and doubled quotes
 * (`""` for `"`), and only spaces may follow its closing quote. Lines end in LF, CRLF or CR. A leading byte-order
 * mark is skipped. Blank lines (empty or only spaces and tabs) at the end of the text are ignored; a blank line
 * followed by more records is an error, since it usually means a damaged or concatenated file.
 * @param delimiter - one character other than `"`, a space or a line break; `,` by default.
 * @param source - the file name used in error messages (`'<csv>'` for text).
 * @throws Error `"<source> line L, column C: …"` (C counts characters from 1) for a quote inside an unquoted field,
 *   text after a closing quote, a quoted field that is never closed, or a blank line between records; `"<source>: …"`
 *   for a bad delimiter.
 */
export function parseCsv(text: string, delimiter = ',', source = '<csv>'): CsvRecord[] {
  if (typeof text !== 'string') throw new Error(`${source}: expected the CSV text as a string, got ${describeValue(text)}`);
  expectDelimiter(delimiter, source);
  const isPadding = (char: string | undefined): boolean => char === ' ' || (char === '\t' && delimiter !== '\t');
  const records: CsvRecord[] = [];
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = position;
  let blankLine: number | undefined;
  const fail = (at: number, atLine: number, atLineStart: number, message: string): never => {
    throw new Error(`${source} line ${atLine}, column ${at - atLineStart + 1}: ${message}`);
  };
  /** Moves past the line break at `position` (if any); returns false at the end of the text. */
  const endLine = (): boolean => {
    if (position >= length) return false;
    position += text[position] === '\r' && text[position + 1] === '\n' ? 2 : 1;
    line++;
    lineStart = position;
    return position < length;
  };
  const isLineEnd = (at: number): boolean => at >= length || text[at] === '\n' || text[at] === '\r';

  while (position < length) {
    let blankEnd = position;
    while (isPadding(text[blankEnd])) blankEnd++;
    if (isLineEnd(blankEnd)) {
      blankLine ??= line;
      position = blankEnd;
      if (!endLine()) break;
      continue;
    }
    if (blankLine !== undefined) {
      fail(lineStart, blankLine, lineStart, `the line is blank but more rows follow (line ${line}); blank lines are allowed only at the end`);
    }
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      let start = position;
      while (isPadding(text[start])) start++;
      if (text[start] === '"') {
        const openLine = line, openLineStart = lineStart;
        let value = '';
        position = start + 1;
        for (;;) {
          const quote = text.indexOf('"', position);
          const chunkEnd = quote < 0 ? length : quote;
          for (let at = position; at < chunkEnd; at++) {
            const char = text[at];
            if (char === '\n' || (char === '\r' && text[at + 1] !== '\n')) {
              line++;
              lineStart = at + 1;
            }
          }
          value += text.slice(position, chunkEnd);
          if (quote < 0) {
            fail(start, openLine, openLineStart, 'this quoted field is never closed; expected a closing " (write a quote inside a quoted field as "")');
          }
          if (text[quote + 1] === '"') {
            value += '"';
            position = quote + 2;
          } else {
            position = quote + 1;
            break;
          }
        }
        while (isPadding(text[position])) position++;
        if (!isLineEnd(position) && text[position] !== delimiter) {
          fail(position, line, lineStart, `unexpected ${JSON.stringify(text[position])} after the closing quote of a field; expected "${delimiter}" or the end of the line`);
        }
        record.fields.push(value);
      } else {
        let end = position;
        while (!isLineEnd(end) && text[end] !== delimiter) {
          if (text[end] === '"') {
            fail(end, line, lineStart, `a quote inside an unquoted field; quote the whole field and double the quotes inside it ("")`);
          }
          end++;
        }
        record.fields.push(text.slice(position, end));
        position = end;
      }
      if (isLineEnd(position)) break;
      position++; // the delimiter
    }
    records.push(record);
    if (!endLine()) break;
  }
  return records;
}

/**
 * Checks a CSV delimiter: one character other than `"`, a space, CR or LF.
 * @throws Error `"<where>: the delimiter must be one character other than …, got …"`.
 */
export function expectDelimiter(delimiter: unknown, where: string): string {
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || '" \r\n'.includes(delimiter)) {
    throw new Error(`${where}: the delimiter must be one character other than a quote, a space or a line break, got ${describeValue(delimiter)}`);
  }
  return delimiter;
}
