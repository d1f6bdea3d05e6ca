import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaryFiles, STALE_TEMPORARY_FILE_AGE_MS } from './stale-temporary-files.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** The pid of a process that has exited (and been reaped). */
function exitedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

/** A directory holding `model.json` and temporary files of every kind, with the names of each. */
function directoryWithLeftovers() {
  const directory = mkdtempSync(join(tmpdir(), 'bpnet-stale-'));
  const dead = exitedPid();
  const hex = '0123456789abcdef0123456789abcdef';
  const names = {
    deadWriter: `.model.json.${dead}.${hex}.tmp`,
    deadWriterOldName: `.model.json.${dead}.1732920000000.tmp`,
    oldOfLiveWriter: `.model.json.${process.pid}.${hex.replace('0', 'f')}.tmp`,
    freshOfLiveWriter: `.model.json.${process.pid}.${hex}.tmp`,
    otherFile: `.other.json.${dead}.${hex}.tmp`,
    directoryNamedLikeOne: `.model.json.${dead}.fedcba.tmp`,
    symlinkNamedLikeOne: `.model.json.${dead}.abcdef.tmp`,
  };
  writeFileSync(join(directory, 'model.json'), '{"good":true}');
  for (const name of [
    names.deadWriter,
    names.deadWriterOldName,
    names.oldOfLiveWriter,
    names.freshOfLiveWriter,
    names.otherFile,
  ])
    writeFileSync(join(directory, name), '{"trunc');
  const old = (Date.now() - STALE_TEMPORARY_FILE_AGE_MS - 60_000) / 1000;
  utimesSync(join(directory, names.oldOfLiveWriter), old, old);
  mkdirSync(join(directory, names.directoryNamedLikeOne));
  symlinkSync(join(directory, 'model.json'), join(directory, names.symlinkNamedLikeOne));
  return { directory, names };
}

describe('stale temporary files', () => {
  it('are those of this file whose writer has exited or that have not changed for 10 minutes', () => {
    const { directory, names } = directoryWithLeftovers();
    expect(removeStaleTemporaryFiles(join(directory, 'model.json')).sort()).toEqual(
      [names.deadWriter, names.deadWriterOldName, names.oldOfLiveWriter].sort(),
    );
    expect(readdirSync(directory).sort()).toEqual(
      [
        'model.json',
        names.freshOfLiveWriter,
        names.otherFile,
        names.directoryNamedLikeOne,
        names.symlinkNamedLikeOne,
      ].sort(),
    );
  });

  it('are removed by every write', () => {
    const { directory, names } = directoryWithLeftovers();
    writeFileAtomically(join(directory, 'model.json'), '{"new":true}');
    expect(readdirSync(directory).sort()).toEqual(
      [
        'model.json',
        names.freshOfLiveWriter,
        names.otherFile,
        names.directoryNamedLikeOne,
        names.symlinkNamedLikeOne,
      ].sort(),
    );
  });

  it('are looked for without failing when the directory cannot be read', () => {
    expect(removeStaleTemporaryFiles(join(tmpdir(), 'bpnet-no-such-directory', 'model.json'))).toEqual([]);
  });
});
