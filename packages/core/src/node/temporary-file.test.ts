import { closeSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTemporaryFile, temporaryFileName, temporaryFileWriter } from './temporary-file.js';

describe('temporary files', () => {
  it('are named beside the file with the pid and 32 random hex digits, different every time', () => {
    const names = Array.from({ length: 50 }, () => temporaryFileName('/data/run.checkpoint.json'));
    for (const name of names)
      expect(name).toMatch(new RegExp(`^/data/\\.run\\.checkpoint\\.json\\.${process.pid}\\.[0-9a-f]{32}\\.tmp$`));
    expect(new Set(names).size).toBe(50);
  });

  it('are created exclusively: a symlink (or file) already at the name is neither followed nor overwritten', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-temporary-'));
    const victim = join(directory, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(directory, `.model.json.${process.pid}.abc.tmp`));
    expect(() => createTemporaryFile(join(directory, 'model.json'), () => 'abc')).toThrow(/^EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    const created = createTemporaryFile(join(directory, 'model.json'), () => 'def');
    closeSync(created.descriptor);
    expect(created.path).toBe(join(directory, `.model.json.${process.pid}.def.tmp`));
  });

  it('tell which process wrote them, for this file only', () => {
    expect(temporaryFileWriter('.model.json.4242.0123456789abcdef0123456789abcdef.tmp', 'model.json')).toBe(4242);
    // Earlier versions: pid and time
    expect(temporaryFileWriter('.model.json.4242.1732920000000.tmp', 'model.json')).toBe(4242);
    expect(temporaryFileWriter('.model.json.4242.0123.tmp', 'model')).toBeUndefined();
    expect(temporaryFileWriter('.model.json.tmp', 'model.json')).toBeUndefined();
    expect(temporaryFileWriter('.model.json.x.0123.tmp', 'model.json')).toBeUndefined();
    expect(temporaryFileWriter('.model.json.42.XYZ.tmp', 'model.json')).toBeUndefined();
    expect(temporaryFileWriter('.other.json.42.0123.tmp', 'model.json')).toBeUndefined();
    expect(temporaryFileWriter('model.json', 'model.json')).toBeUndefined();
  });
});
