import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadCsvFile } from './load-csv-file.js';

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, readSync: vi.fn(original.readSync), readFileSync: vi.fn(original.readFileSync) };
});

const directory = fs.mkdtempSync(join(tmpdir(), 'bpnet-csv-limits-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.mocked(fs.readSync).mockClear());

/** Bytes the loader took from the file through readSync (the only way it reads). */
const bytesRead = (): number =>
  vi.mocked(fs.readSync).mock.results.reduce((sum, result) => sum + (result.value as number), 0);

describe('loadCsvFile size limit', () => {
  it('refuses a regular file over options.maxBytes before reading any of it', () => {
    const path = join(directory, 'big.csv');
    fs.writeFileSync(path, `a,label\n${'1,x\n'.repeat(250)}`); // 1008 bytes
    expect(() => loadCsvFile(path, { label: 'label', maxBytes: 1007, source: 'big.csv' })).toThrow(
      'big.csv: the file has 1008 bytes, more than the limit of 1007 (options.maxBytes); nothing was read',
    );
    expect(bytesRead()).toBe(0);
    expect(vi.mocked(fs.readFileSync)).not.toHaveBeenCalled();
    const data = loadCsvFile(path, { label: 'label', maxBytes: 1008 });
    expect(data.labels).toHaveLength(250);
    expect(bytesRead()).toBe(1008);
  });

  it('stops reading a pipe after maxBytes + 1 bytes, while the writer still holds it open', () => {
    const fifo = join(directory, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    // The writer sends 1 MiB of rows and then keeps the pipe open for a minute: reading to the end would block.
    const writer: ChildProcess = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); const fd = fs.openSync(${JSON.stringify(fifo)}, 'w');
       fs.writeSync(fd, 'a,label\\n' + '1,x\\n'.repeat(262144)); setTimeout(() => {}, 60000);`,
    ]);
    try {
      expect(() => loadCsvFile(fifo, { label: 'label', maxBytes: 1000, source: 'pipe.csv' })).toThrow(
        'pipe.csv: the file is longer than the limit of 1000 bytes ' +
          '(options.maxBytes); stopped reading after 1001 bytes',
      );
      expect(bytesRead()).toBe(1001);
      expect(writer.exitCode).toBe(null); // the writer has not finished: the loader did not wait for the end
    } finally {
      writer.kill();
    }
  });

  it('checks maxBytes', () => {
    expect(() => loadCsvFile('x.csv', { label: 'label', maxBytes: 0 })).toThrow(
      'loadCsvFile: options.maxBytes must be a positive integer, got number 0',
    );
    expect(() => loadCsvFile('x.csv', { label: 'label', maxbytes: 10 } as never)).toThrow(
      "loadCsvFile: options: unknown option 'maxbytes'; expected one of: label, delimiter, source, maxBytes",
    );
  });
});

describe('loadCsvFile decoding', () => {
  it('refuses Latin-1 bytes naming the line, instead of merging two classes into U+FFFD', () => {
    const path = join(directory, 'latin1.csv');
    fs.writeFileSync(path, Buffer.from('x,species\r\n1,caf\xe9\r\n2,caf\xe8\r\n', 'latin1'));
    expect(() => loadCsvFile(path, { label: 'species', source: 'latin1.csv' })).toThrow(
      'latin1.csv line 2: byte 0xE9 (file offset 16) is not UTF-8; expected the file in ' +
        'UTF-8 (convert a Latin-1 or Windows-1252 file first, e.g. iconv -f latin1 -t utf-8)',
    );
    const utf8 = join(directory, 'utf8.csv');
    fs.writeFileSync(utf8, '\uFEFFx,species\r\n1,caf\u00e9\r\n2,caf\u00e8\r\n');
    expect(loadCsvFile(utf8, { label: 'species' }).classNames).toEqual(['café', 'cafè']);
  });

  it('decodes characters cut by the 64 KiB chunks and names the line of a bad byte far into the file', () => {
    const path = join(directory, 'long.csv');
    const header = 'x,species\n';
    // 2 + 2 + 3 + 4 + 1 = 12 bytes: characters land across every chunk boundary
    const row = '1,\u00e9\u20ac\u{1F600}\n';
    const rows = 20_000;
    fs.writeFileSync(path, header + row.repeat(rows));
    const data = loadCsvFile(path, { label: 'species' });
    expect(data.labels).toHaveLength(rows);
    expect(data.classNames).toEqual(['\u00e9\u20ac\u{1F600}']);
    const bad = Buffer.concat([
      Buffer.from(header + row.repeat(rows)),
      Buffer.from([0x31, 0x2c, 0xf0, 0x9f, 0x98, 0x0a]),
    ]); // a cut-off emoji
    fs.writeFileSync(path, bad);
    expect(() => loadCsvFile(path, { label: 'species', source: 'long.csv' })).toThrow(
      `long.csv line ${rows + 2}: byte 0xF0 (file offset ${header.length + 12 * rows + 2}) is not UTF-8`,
    );
    fs.writeFileSync(path, bad.subarray(0, bad.length - 1)); // the file ends inside the character
    expect(() => loadCsvFile(path, { label: 'species', source: 'long.csv' })).toThrow(
      `long.csv line ${rows + 2}: byte 0xF0`,
    );
  });
});
