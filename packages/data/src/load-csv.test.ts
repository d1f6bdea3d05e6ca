import { Matrix, SeededRandom } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import type { CsvOptions } from './csv-options.js';
import { datasetToCsv } from './dataset-to-csv.js';
import { loadCsv } from './load-csv.js';
import { loadIris } from './load-iris.js';

const flowers = [
  'sepal_length,sepal_width,species,petal_width',
  '5.1,3.5,setosa,0.2',
  '7,3.2,versicolor,1.4',
  '4.9,3,setosa,0.2',
  '',
].join('\n');

describe('loadCsv', () => {
  it('reads the features, wherever the label column is, and numbers the classes by first appearance', () => {
    const data = loadCsv(flowers, { label: 'species' });
    expect(data.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_width']);
    expect(data.classNames).toEqual(['setosa', 'versicolor']);
    expect(data.labels).toEqual([0, 1, 0]);
    expect(data.inputs.shape).toBe('3×3');
    expect(data.inputs.toRows()).toEqual([
      [5.1, 3.5, 0.2],
      [7, 3.2, 1.4],
      [4.9, 3, 0.2],
    ]);
  });

  it('keeps numeric labels as text classes in order of first appearance', () => {
    const data = loadCsv('x,digit\n1,7\n2,3\n3,7\n4,10\n', { label: 'digit' });
    expect(data.classNames).toEqual(['7', '3', '10']);
    expect(data.labels).toEqual([0, 1, 0, 2]);
  });

  it('reads quotes, CRLF, spaces, number forms, other delimiters and trailing blank lines', () => {
    const text = '"width, cm" , "the ""kind""",height\r\n 1.5e1 , "a, b" ,-.5\r\n+2,"say ""c""",3.\r\n\r\n\r\n';
    const data = loadCsv(text, { label: 'the "kind"' });
    expect(data.featureNames).toEqual(['width, cm', 'height']);
    expect(data.classNames).toEqual(['a, b', 'say "c"']);
    expect(data.inputs.toRows()).toEqual([
      [15, -0.5],
      [2, 3],
    ]);
    const semicolons = loadCsv('a;b;c\n1.5;2;x\n"3";4;"y;z"\n', { label: 'c', delimiter: ';' });
    expect(semicolons.inputs.toRows()).toEqual([
      [1.5, 2],
      [3, 4],
    ]);
    expect(semicolons.classNames).toEqual(['x', 'y;z']);
    expect(() => loadCsv('a;c\n1,5;x\n', { label: 'c', delimiter: ';' })).toThrow(
      '<csv> line 2, column "a": "1,5" is not a number',
    );
  });

  it('names the source, the line and the column of a bad cell', () => {
    const options = { label: 'species', source: 'data.csv' };
    expect(() => loadCsv('a,b,c,d,species\n1,2,3,4,x\n1,2,x\n', options)).toThrow(
      'data.csv line 3: 3 fields, expected 5 (the header has 5 columns)',
    );
    expect(() => loadCsv('a,b\n1,x\n2\n', { label: 'b' })).toThrow(
      '<csv> line 3: 1 field, expected 2 (the header has 2 columns)',
    );
    expect(() => loadCsv('a,petal_width,species\n1,2,x\n1,2,x\n1,abc,x\n', options)).toThrow(
      'data.csv line 4, column "petal_width": "abc" is not a number',
    );
    expect(() => loadCsv('a,species\n1,x\n1,2\n1.5.2,y\n', options)).toThrow(
      'data.csv line 4, column "a": "1.5.2" is not a number',
    );
    expect(() => loadCsv('a,species\n0x10,x\n', options)).toThrow(
      'data.csv line 2, column "a": "0x10" is not a number',
    );
    expect(() => loadCsv('a,species\nNaN,x\n', options)).toThrow('data.csv line 2, column "a": "NaN" is not a number');
    expect(() => loadCsv('a,species\n1e999,x\n', options)).toThrow(
      'data.csv line 2, column "a": "1e999" is out of the float64 range',
    );
    expect(() => loadCsv('a,species\n ,x\n', options)).toThrow(
      'data.csv line 2, column "a": the cell is empty; expected a number',
    );
    expect(() => loadCsv('a,species\n1,x\n2,y\n3,  \n', options)).toThrow(
      'data.csv line 4: the label column "species" is empty',
    );
    expect(() => loadCsv('a,"multi\nline"\n1,"x\ny"\n2,""\n', { label: 'multi\nline' })).toThrow(
      '<csv> line 5: the label column "multi\\nline" is empty',
    );
    // A cell that would colour a terminal, move its cursor (the one-byte C1 CSI) and reverse the text after it.
    expect(() => loadCsv('a,species\n\u001b[31m\u009b2J\u202e1,x\n', options)).toThrow(
      'data.csv line 2, column "a": "\\u001b[31m\\u009b2J\\u202e1" is not a number',
    );
  });

  it('says what is wrong with the header or the file as a whole', () => {
    const options = { label: 'species', source: 'data.csv' };
    expect(() => loadCsv('sepal,petal,kind\n1,2,x\n', options)).toThrow(
      'data.csv line 1: the header has no column "species" (the ' +
        'label option); its columns are: "sepal", "petal", "kind"',
    );
    expect(() => loadCsv('', options)).toThrow(
      'data.csv: the file is empty; expected a header line and at least one data row',
    );
    expect(() => loadCsv('\r\n\r\n', options)).toThrow('data.csv: the file is empty');
    expect(() => loadCsv('a,species\n', options)).toThrow(
      'data.csv: no data rows after the header on line 1; expected at least one row',
    );
    expect(() => loadCsv('a,species\n\n\n', options)).toThrow('data.csv: no data rows after the header on line 1');
    expect(() => loadCsv('species\nx\n', options)).toThrow(
      'data.csv line 1: the header has only the label column "species"; expected at least one feature column',
    );
    expect(() => loadCsv('a,,species\n1,2,x\n', options)).toThrow(
      'data.csv line 1: header column 2 has no name; expected every column named',
    );
    expect(() => loadCsv('a,b,a,species\n1,2,3,x\n', options)).toThrow(
      'data.csv line 1: the header names "a" twice (columns 1 and 3); expected distinct names',
    );
  });

  it('checks its options', () => {
    expect(() => loadCsv('a,b\n1,x\n', {} as CsvOptions)).toThrow(
      '<csv>: options.label must be the header name of the label column, got undefined',
    );
    expect(() => loadCsv('a,b\n1,x\n', { label: 'b', delimiter: '' })).toThrow(
      '<csv>: options.delimiter: the delimiter must be one character ' +
        'other than a quote, a space or a line break, got the string ""',
    );
    expect(() => loadCsv('a,b\n1,x\n', { label: 'b', labels: 'b' } as CsvOptions)).toThrow(
      "loadCsv: options: unknown option 'labels'; expected one of: label, delimiter, source",
    );
    expect(() => loadCsv('a,b\n1,x\n', null as unknown as CsvOptions)).toThrow(
      'loadCsv: options must be an object, got null',
    );
  });

  it('reads back iris written by datasetToCsv to the same matrix, labels and names', () => {
    const iris = loadIris();
    const text = datasetToCsv(iris, { label: 'species' });
    expect(text.split('\n').slice(0, 3)).toEqual([
      'sepal_length,sepal_width,petal_length,petal_width,species',
      '5.1,3.5,1.4,0.2,setosa',
      '4.9,3,1.4,0.2,setosa',
    ]);
    expect(text.split('\n')).toHaveLength(152); // header, 150 rows, and the empty string after the last newline
    const back = loadCsv(text, { label: 'species' });
    expect(back.inputs.shape).toBe('150×4');
    expect(back.inputs.data).toEqual(iris.inputs.data);
    expect(back.labels).toEqual(iris.labels);
    expect(back.classNames).toEqual(iris.classNames);
    expect(back.featureNames).toEqual(iris.featureNames);
  });

  it('round-trips arbitrary float64 values and awkward names exactly', () => {
    const random = new SeededRandom(2);
    const inputs = new Matrix(20, 3);
    for (let i = 0; i < inputs.data.length; i++) inputs.data[i] = random.normal() * 10 ** random.integer(40 - 20);
    inputs.data[0] = 5e-324;
    inputs.data[1] = -1.7976931348623157e308;
    const labels = Array.from({ length: 20 }, (_, i) => i % 3);
    const dataset = { inputs, labels, classNames: ['a,b', 'say "x"', ' padded '], featureNames: ['f 1', 'f,2', 'f"3'] };
    for (const delimiter of [',', ';', '\t']) {
      const back = loadCsv(datasetToCsv(dataset, { delimiter }), { label: 'label', delimiter });
      expect(back.inputs.data).toEqual(inputs.data);
      expect(back.labels).toEqual(labels);
      expect(back.featureNames).toEqual(['f 1', 'f,2', 'f"3']);
      expect(back.classNames).toEqual(['a,b', 'say "x"', ' padded ']); // a quoted cell keeps its spaces
    }
  });
});

describe('datasetToCsv', () => {
  it('says what does not fit together', () => {
    const iris = loadIris();
    expect(() => datasetToCsv({ ...iris, featureNames: ['a'] })).toThrow(
      'datasetToCsv: 1 feature names for 4 columns; expected one name per column',
    );
    expect(() => datasetToCsv(iris, { label: 'petal_width' })).toThrow(
      'datasetToCsv: the label column "petal_width" is also a feature name',
    );
    expect(() => datasetToCsv({ ...iris, classNames: ['setosa'] })).toThrow(
      'datasetToCsv: labels: label 50 is number 1; expected an integer class in 0..0',
    );
  });
});

describe('CSV text cells', () => {
  const formulas = [
    '=HYPERLINK("http://x.test","click")',
    '+SUM(A1:A9)',
    '-2+3',
    '@A1',
    '\t=1',
    '\r=1',
    "'=already",
    "''+x",
    "'plain",
    'ok',
  ];

  it(
    'writes formula-like names and classes neutralized (a leading quote, ' +
      'then quoted) and reads back the original text',
    () => {
      const dataset = {
        inputs: Matrix.fromRows(formulas.map((_, i) => [i - 0.5])),
        labels: formulas.map((_, i) => i),
        classNames: formulas,
        featureNames: ['=cmd|calc'],
      };
      const text = datasetToCsv(dataset, { label: '@label' });
      expect(text.split('\n').slice(0, 8)).toEqual([
        `"'=cmd|calc","'@label"`,
        `-0.5,"'=HYPERLINK(""http://x.test"",""click"")"`,
        `0.5,"'+SUM(A1:A9)"`,
        `1.5,"'-2+3"`,
        `2.5,"'@A1"`,
        `3.5,"'\t=1"`,
        `4.5,"'\r=1"`,
        `5.5,"''=already"`,
      ]);
      expect(text.split('\n').slice(8, 11)).toEqual([`6.5,"'''+x"`, `7.5,'plain`, '8.5,ok']);
      const back = loadCsv(text, { label: '@label' });
      expect(back.featureNames).toEqual(['=cmd|calc']);
      expect(back.classNames).toEqual(formulas);
      expect(back.labels).toEqual(dataset.labels);
      expect(Array.from(back.inputs.data)).toEqual(formulas.map((_, i) => i - 0.5));
    },
  );

  it(
    'reads back names and classes with surrounding spaces exactly, ' +
      'and refuses at write what it could not read back',
    () => {
      const dataset = {
        inputs: Matrix.fromRows([[1, 2]]),
        labels: [0],
        classNames: ['  spaced\t'],
        featureNames: [' label', 'label '],
      };
      const back = loadCsv(datasetToCsv(dataset, { label: ' label ' }), { label: ' label ' });
      expect(back.featureNames).toEqual([' label', 'label ']);
      expect(back.classNames).toEqual(['  spaced\t']);
      expect(Array.from(back.inputs.data)).toEqual([1, 2]);
      expect(loadCsv(' a , species\n1, x \n', { label: 'species' })).toMatchObject({
        featureNames: ['a'],
        classNames: ['x'],
      }); // unquoted cells are trimmed
      const base = { inputs: Matrix.fromRows([[1]]), labels: [0], classNames: ['x'], featureNames: ['a'] };
      expect(() => datasetToCsv({ ...base, featureNames: [''] })).toThrow(
        'datasetToCsv: featureNames: feature name 0 is empty; loadCsv reads an empty name or label as missing',
      );
      expect(() => datasetToCsv({ ...base, classNames: ['x', 'x'] })).toThrow(
        'datasetToCsv: classNames: class names 0 and 1 are both "x"; ' +
          'loadCsv would read them as one; expected distinct names',
      );
      expect(() => datasetToCsv({ ...base, featureNames: ['a', 'a'], inputs: Matrix.fromRows([[1, 2]]) })).toThrow(
        'feature names 0 and 1 are both "a"',
      );
      expect(() => datasetToCsv(base, { label: '' })).toThrow('datasetToCsv: options.label: label name 0 is empty');
      expect(() => datasetToCsv({ ...base, classNames: ['bad\uD800'] })).toThrow(
        'datasetToCsv: classNames: class name 0 ("bad\\ud800") holds a lone ' +
          'UTF-16 surrogate, which UTF-8 cannot hold; expected well-formed text',
      );
      expect(() => datasetToCsv({ ...base, featureNames: [7 as unknown as string] })).toThrow(
        'datasetToCsv: featureNames: feature name 0 is number 7; expected a string',
      );
    },
  );
});

describe('loadCsv on wide tables', () => {
  it('reads a header of 100,000 columns and a row of them', () => {
    const columns = 100_000;
    const names = Array.from({ length: columns }, (_, column) => `f${column}`);
    const text = `${names.join(',')},label\n${names.map((_, column) => column % 7).join(',')},yes\n`;
    const data = loadCsv(text, { label: 'label' });
    expect(data.inputs.shape).toBe('1×100000');
    expect(data.featureNames[99_999]).toBe('f99999');
    expect(data.inputs.get(0, 99_999)).toBe(99_999 % 7);
    expect(() => loadCsv(text, { label: 'missing' })).toThrow(
      '<csv> line 1: the header has no column "missing" (the label option); its columns are: ' +
        '"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9" and 99991 more',
    );
  });
});
