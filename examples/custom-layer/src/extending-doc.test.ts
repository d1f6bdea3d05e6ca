import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const docPath = join(here, '../../../docs/extending.md');
const LINK = /\]\(\.\.\/examples\/custom-layer\/src\/([\w.-]+\.ts)\)/g;

/** Each ```ts block of the page with the example files linked in the paragraph before it (or the block before it). */
function quotedBlocks(markdown: string): { code: string; files: string[]; line: number }[] {
  const lines = markdown.split('\n');
  const blocks: { code: string; files: string[]; line: number }[] = [];
  let paragraph: string[] = [];
  let paragraphEnded = false;
  let previousFiles: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '```ts') {
      const end = lines.indexOf('```', i + 1);
      const linked = [...paragraph.join('\n').matchAll(LINK)].map((match) => match[1]);
      const files = paragraph.length > 0 ? linked : previousFiles;
      blocks.push({ code: lines.slice(i + 1, end).join('\n'), files, line: i + 1 });
      previousFiles = files;
      paragraph = [];
      i = end;
    } else if (lines[i].trim() === '') {
      paragraphEnded = true;
    } else {
      if (paragraphEnded) paragraph = [];
      paragraphEnded = false;
      paragraph.push(lines[i]);
    }
  }
  return blocks;
}

it('docs/extending.md quotes the example files unchanged (a block starting with an import is the whole file)', () => {
  const blocks = quotedBlocks(readFileSync(docPath, 'utf8'));
  expect(blocks.length).toBeGreaterThan(15);
  for (const { code, files, line } of blocks) {
    expect(files, `the block at line ${line} follows no link to an example file`).not.toEqual([]);
    const sources = files.map((file) => readFileSync(join(here, file), 'utf8'));
    if (code.startsWith('import ')) {
      expect(
        sources.map((source) => source.trimEnd()),
        `the block at line ${line} is not the whole of ${files.join(' or ')}`,
      ).toContain(code.trimEnd());
    } else {
      expect(
        sources.some((source) => source.includes(code)),
        `the block at line ${line} is not in ${files.join(' or ')}`,
      ).toBe(true);
    }
  }
});
