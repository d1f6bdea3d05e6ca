import { describe, expect, it } from 'vitest';
import { type CsvRawRecord, CsvRecordReader } from './csv-record-reader.js';

function readInPieces(pieces: string[], delimiter = ','): CsvRawRecord[] {
  const records: CsvRawRecord[] = [];
  const reader = new CsvRecordReader((record) => records.push(record), delimiter, 'x.csv');
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return records;
}

const text = '\uFEFFname, "note" ,n\r\nx,"two\r\nlines, ""q""",1\r\n  y ,"",2\rz,"a""",3\n\n  \r\n';

describe('CsvRecordReader', () => {
  it('gives the same records wherever the text is cut, even inside a CRLF, a "" or a byte-order mark', () => {
    const whole = readInPieces([text]);
    expect(whole).toEqual([
      { line: 1, fields: ['name', 'note', 'n'], quoted: [false, true, false] },
      { line: 2, fields: ['x', 'two\r\nlines, "q"', '1'], quoted: [false, true, false] },
      { line: 4, fields: ['  y ', '', '2'], quoted: [false, true, false] },
      { line: 5, fields: ['z', 'a"', '3'], quoted: [false, true, false] },
    ]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(readInPieces([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(readInPieces([...text])).toEqual(whole);
  });

  it('names the line and column of an error wherever the text is cut', () => {
    const bad = 'a,b\r\n"x\r\ny"z,1\r\n';
    for (let cut = 0; cut <= bad.length; cut++) {
      expect(() => readInPieces([bad.slice(0, cut), bad.slice(cut)])).toThrow(
        'x.csv line 3, column 3: unexpected "z" after the closing quote of a field',
      );
    }
    const blank = 'a,b\r\n1,2\r\n\r\n3,4\r\n';
    for (let cut = 0; cut <= blank.length; cut++) {
      expect(() => readInPieces([blank.slice(0, cut), blank.slice(cut)])).toThrow(
        'x.csv line 3, column 1: the line is blank but more rows follow (line 4)',
      );
    }
  });
});
