import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

const fieldsOf = (text: string, delimiter?: string) => parseCsv(text, delimiter).map((record) => record.fields);

describe('parseCsv', () => {
  it('splits lines and fields, with or without a trailing newline', () => {
    expect(fieldsOf('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,,b,\n')).toEqual([['a', '', 'b', '']]);
    expect(fieldsOf('')).toEqual([]);
  });

  it('reads CRLF and CR line endings and skips a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n3,4\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
    expect(fieldsOf('a\r1\r')).toEqual([['a'], ['1']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    expect(fieldsOf('"a,b","say ""hi""",""\n')).toEqual([['a,b', 'say "hi"', '']]);
    expect(fieldsOf('x, "quoted, with space before" ,y')).toEqual([['x', 'quoted, with space before', 'y']]);
    const records = parseCsv('name,note\r\nx,"two\r\nlines"\r\ny,z\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['x', 'two\r\nlines'] },
      { line: 4, fields: ['y', 'z'] },
    ]);
  });

  it('ignores blank lines at the end', () => {
    expect(parseCsv('a,b\n1,2\n\n  \r\n\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(parseCsv('\n\n')).toEqual([]);
  });

  it('reads other delimiters', () => {
    expect(fieldsOf('a;b\n"1;5";2', ';')).toEqual([
      ['a', 'b'],
      ['1;5', '2'],
    ]);
    expect(fieldsOf('a\tb\n\t2\n', '\t')).toEqual([
      ['a', 'b'],
      ['', '2'],
    ]);
  });

  it('names the line and column of malformed text', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', ',', 'data.csv')).toThrow(
      'data.csv line 2, column 3: this quoted field is never closed; ' +
        'expected a closing " (write a quote inside a quoted field as "")',
    );
    expect(() => parseCsv('a,b\n1,2"x"\n')).toThrow(
      '<csv> line 2, column 4: a quote inside an unquoted field; ' +
        'quote the whole field and double the quotes inside it ("")',
    );
    expect(() => parseCsv('a,b\r\n"x\r\ny"z,1\r\n')).toThrow(
      '<csv> line 3, column 3: unexpected "z" after the closing quote of a field; expected "," or the end of the line',
    );
    expect(() => parseCsv('a,b\n1,2\n\n3,4\n', ',', 'data.csv')).toThrow(
      'data.csv line 3, column 1: the line is blank but more rows ' +
        'follow (line 4); blank lines are allowed only at the end',
    );
    expect(() => parseCsv('a', '"')).toThrow(
      '<csv>: the delimiter must be one character other than a quote, a space or a line break, got the string "\\""',
    );
    expect(() => parseCsv('a', ';;')).toThrow('got the string ";;"');
  });
});
