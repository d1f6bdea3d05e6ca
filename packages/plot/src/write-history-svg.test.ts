import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historySvg } from './history-svg.js';
import { writeHistorySvg } from './write-history-svg.js';

describe('writeHistorySvg', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('writes historySvg to the file, leaving no temporary file behind', () => {
    directory = mkdtempSync(join(tmpdir(), 'bpnet-plot-'));
    const path = join(directory, 'history.svg');
    const history = { loss: [1, 0.5, 0.25], accuracy: [0.5, 1], iterationsPerEpoch: 2 };
    const written = writeHistorySvg(path, history, { title: 'run 1' });
    expect(written).toBe(historySvg(history, { title: 'run 1' }));
    expect(readFileSync(path, 'utf8')).toBe(written);
    writeHistorySvg(path, { loss: [] }); // overwrites
    expect(readFileSync(path, 'utf8')).toContain('no data');
    expect(readdirSync(directory)).toEqual(['history.svg']);
  });
});
