import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetToCsv } from '../dataset-to-csv.js';
import { loadCsvFile } from './load-csv-file.js';
import { loadIris } from '../load-iris.js';

const directory = mkdtempSync(join(tmpdir(), 'bpnet-data-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('loadCsvFile', () => {
  it('reads a file written from iris back to the same data', () => {
    const path = join(directory, 'iris.csv');
    const iris = loadIris();
    writeFileSync(path, datasetToCsv(iris, { label: 'species' }).replaceAll('\n', '\r\n'));
    const back = loadCsvFile(path, { label: 'species' });
    expect(back.inputs.data).toEqual(iris.inputs.data);
    expect(back.labels).toEqual(iris.labels);
    expect(back.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('names the file in its errors', () => {
    const path = join(directory, 'data.csv');
    writeFileSync(path, 'a,b,c,d,species\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3\n');
    expect(() => loadCsvFile(path, { label: 'species' })).toThrow(
      `${path} line 7: 3 fields, expected 5 (the header has 5 columns)`,
    );
    expect(() => loadCsvFile(path, { label: 'species', source: 'data.csv' })).toThrow(
      'data.csv line 7: 3 fields, expected 5',
    );
    const missing = join(directory, 'missing.csv');
    expect(() => loadCsvFile(missing, { label: 'species' })).toThrow(
      new RegExp(`^CSV file ${missing}: cannot be read: ENOENT`),
    );
  });
});
