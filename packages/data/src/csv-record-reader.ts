/** One record (row) of CSV text as {@link CsvRecordReader} delivers it. */
export interface CsvRawRecord {
  /** The 1-based line on which the record starts (a quoted field may run over several lines). */
  line: number;
  /** The fields: quoted fields without their quotes and with `""` made `"`, other fields as written. */
  fields: string[];
  /** `quoted[c]` is true when field c was quoted (its spaces are part of its value). */
  quoted: boolean[];
}

const lineStart = 0; // at the start of a line, before any record on it
const fieldStart = 1; // after a delimiter (or at a record's first non-padding character)
const unquoted = 2;
const quoted = 3;
const quoteInQuoted = 4; // a quote inside a quoted field: the closing quote or the first of `""`
const afterQuoted = 5;

/**
 * Splits CSV text into records, one piece of text at a time, so that a file can be read in chunks: `push` each
 * piece in order, then `end`. Every character is looked at once, whatever the record or field lengths and wherever
 * the pieces are cut (even inside a `\r\n` or a `""`), so the work is linear in the text's length.
 *
 * The rules are {@link parseCsv}'s: RFC 4180 with some leniency. A field whose first character other than spaces
 * (and tabs, unless the delimiter is a tab) is `"` is quoted: it may hold the delimiter, line breaks and doubled
 * quotes, and only spaces may follow its closing quote. Lines end in LF, CRLF or CR. A byte-order mark at the very
 * start is skipped. Blank lines (empty or only spaces and tabs) at the end are ignored; a blank line followed by
 * more records is an error.
 */
export class CsvRecordReader {
  private state = lineStart;
  private line = 1;
  /** Offset (in UTF-16 units from the start of the whole text) of the current line's first character. */
  private lineOffset = 0;
  /** Offset of the start of the next piece of text. */
  private offset = 0;
  private previousWasCr = false;
  private blankLine: number | undefined;
  private field = '';
  private fields: string[] = [];
  private quotedFields: boolean[] = [];
  private recordLine = 0;
  private openLine = 0;
  private openColumn = 0;

  /**
   * @param onRecord - called with each complete record, in order.
   * @param delimiter - one character other than `"`, a space or a line break (checked by the caller).
   * @param source - the name used in error messages.
   */
  constructor(
    private readonly onRecord: (record: CsvRawRecord) => void,
    private readonly delimiter: string,
    private readonly source: string,
  ) {}

  /**
   * Reads the next piece of text; records it completes go to `onRecord` before this returns.
   * @throws Error `"<source> line L, column C: …"` (C counts UTF-16 units from 1) for a quote inside an unquoted
   *   field, text after a closing quote, or a blank line between records.
   */
  push(text: string): void {
    const delimiter = this.delimiter;
    const tabIsPadding = delimiter !== '\t';
    const length = text.length;
    let i = 0;
    if (this.offset === 0 && length > 0 && text.charCodeAt(0) === 0xfeff) {
      i = 1;
      this.lineOffset = 1;
    }
    while (i < length) {
      const char = text[i];
      switch (this.state) {
        case lineStart:
          if (char === '\n' && this.previousWasCr) {
            this.newline(char, i);
            i++;
          } else if (char === ' ' || (char === '\t' && tabIsPadding)) {
            this.field += char;
            this.previousWasCr = false;
            i++;
          } else if (char === '\n' || char === '\r') {
            this.blankLine ??= this.line;
            this.field = '';
            this.newline(char, i);
            i++;
          } else {
            if (this.blankLine !== undefined) {
              this.fail(
                this.blankLine,
                1,
                `the line is blank but more rows follow (line ${this.line}); blank lines are allowed only at the end`,
              );
            }
            this.recordLine = this.line;
            this.state = fieldStart; // the same character again, with the line's padding kept in this.field
          }
          break;
        case fieldStart:
          if (char === ' ' || (char === '\t' && tabIsPadding)) {
            this.field += char;
            this.previousWasCr = false;
            i++;
          } else if (char === '"') {
            this.field = '';
            this.openLine = this.line;
            this.openColumn = this.offset + i - this.lineOffset + 1;
            this.previousWasCr = false;
            this.state = quoted;
            i++;
          } else {
            this.state = unquoted;
          }
          break;
        case unquoted: {
          let end = i;
          while (end < length) {
            const next = text[end];
            if (next === delimiter || next === '"' || next === '\n' || next === '\r') break;
            end++;
          }
          if (end > i) {
            this.field += text.slice(i, end);
            this.previousWasCr = false;
            i = end;
            if (i === length) break;
          }
          const stop = text[i];
          if (stop === '"') {
            this.fail(
              this.line,
              this.offset + i - this.lineOffset + 1,
              'a quote inside an unquoted field; quote the whole field and double the quotes inside it ("")',
            );
          }
          this.endField(false);
          if (stop === delimiter) {
            this.previousWasCr = false;
            this.state = fieldStart;
          } else {
            this.endRecord();
            this.newline(stop, i);
          }
          i++;
          break;
        }
        case quoted: {
          const quote = text.indexOf('"', i);
          const end = quote < 0 ? length : quote;
          for (let at = i; at < end; at++) {
            const code = text.charCodeAt(at);
            if (code === 10 || code === 13) this.newline(text[at], at);
            else this.previousWasCr = false;
          }
          this.field += text.slice(i, end);
          i = end;
          if (quote >= 0) {
            this.previousWasCr = false;
            this.state = quoteInQuoted;
            i++;
          }
          break;
        }
        case quoteInQuoted:
          if (char === '"') {
            this.field += '"';
            this.state = quoted;
            i++;
          } else {
            this.endField(true);
            this.state = afterQuoted;
          }
          break;
        default: // afterQuoted
          if (char === ' ' || (char === '\t' && tabIsPadding)) {
            this.previousWasCr = false;
            i++;
          } else if (char === delimiter) {
            this.previousWasCr = false;
            this.state = fieldStart;
            i++;
          } else if (char === '\n' || char === '\r') {
            this.endRecord();
            this.newline(char, i);
            i++;
          } else {
            const column = this.offset + i - this.lineOffset + 1;
            this.fail(
              this.line,
              column,
              `unexpected ${JSON.stringify(char)} after the closing quote ` +
                `of a field; expected "${delimiter}" or the end of the line`,
            );
          }
      }
    }
    this.offset += length;
  }

  /**
   * Ends the text: delivers the last record if the text does not end in a line break.
   * @throws Error `"<source> line L, column C: this quoted field is never closed; …"` (at its opening quote).
   */
  end(): void {
    switch (this.state) {
      case lineStart:
        return;
      case quoted:
        this.fail(
          this.openLine,
          this.openColumn,
          'this quoted field is never closed; expected a closing " (write a quote inside a quoted field as "")',
        );
        return;
      case quoteInQuoted:
        this.endField(true);
        break;
      case fieldStart:
      case unquoted:
        this.endField(false);
        break;
    }
    this.endRecord();
  }

  private newline(char: string, index: number): void {
    if (!(char === '\n' && this.previousWasCr)) this.line++;
    this.lineOffset = this.offset + index + 1;
    this.previousWasCr = char === '\r';
  }

  private endField(wasQuoted: boolean): void {
    this.fields.push(this.field);
    this.quotedFields.push(wasQuoted);
    this.field = '';
  }

  private endRecord(): void {
    const record = { line: this.recordLine, fields: this.fields, quoted: this.quotedFields };
    this.fields = [];
    this.quotedFields = [];
    this.state = lineStart;
    this.onRecord(record);
  }

  private fail(line: number, column: number, message: string): never {
    throw new Error(`${this.source} line ${line}, column ${column}: ${message}`);
  }
}
