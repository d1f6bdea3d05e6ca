#!/usr/bin/env node
// Lists every line longer than the limit (in characters, not bytes) in the source files git knows, and exits 1 if
// there is one. Biome's formatter wraps code at 120 columns but leaves comments and long string literals alone; this
// check covers them. Generated files are skipped.
// Usage: node scripts/check-line-width.mjs [--max 120]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const GENERATED = [/(^|\/)generated\//, /(^|\/)dist\//];

const flag = process.argv.indexOf('--max');
const max = flag === -1 ? 120 : Number(process.argv[flag + 1]);
if (!Number.isInteger(max) || max < 1) {
  console.error(`check-line-width: --max must be a positive integer, got ${process.argv[flag + 1]}`);
  process.exit(2);
}

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
const files = tracked
  .split('\n')
  .filter((path) => SOURCE.test(path) && !GENERATED.some((pattern) => pattern.test(path)));
let long = 0;
for (const path of files) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue; // deleted in the working tree but still in the index
  }
  text.split('\n').forEach((line, index) => {
    const width = [...line].length;
    if (width > max) {
      long++;
      console.log(`${path}:${index + 1}: ${width} characters (at most ${max})`);
    }
  });
}
if (long > 0) {
  console.error(`check-line-width: ${long} line(s) longer than ${max} characters`);
  process.exit(1);
}
console.log(`check-line-width: ${files.length} files, every line at most ${max} characters`);
