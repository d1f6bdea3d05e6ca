import { describe, expect, it } from 'vitest';
import { indexColumnNames, listColumnNames } from './column-names.js';

/** An array whose element reads are counted: the work a header check does, independent of the machine's speed. */
function countingNames(count: number): { names: string[]; reads: () => number } {
  const target = Array.from({ length: count }, (_, column) => `c${column}`);
  let reads = 0;
  const names = new Proxy(target, {
    get(array, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(array, key, receiver);
    },
  });
  return { names, reads: () => reads };
}

describe('indexColumnNames', () => {
  it('reads each of 50,000 and 100,000 header names once: the work doubles with the width, not quadruples', () => {
    const half = countingNames(50_000);
    expect(indexColumnNames(half.names, 'x.csv line 1').size).toBe(50_000);
    const full = countingNames(100_000);
    expect(indexColumnNames(full.names, 'x.csv line 1').get('c99999')).toBe(99_999);
    expect(half.reads()).toBe(50_000);
    expect(full.reads()).toBe(100_000);
  });

  it('names the empty or repeated column', () => {
    expect(() => indexColumnNames(['a', '', 'b'], 'x.csv line 1')).toThrow(
      'x.csv line 1: header column 2 has no name; expected every column named',
    );
    expect(() => indexColumnNames(['a', 'b', 'a'], 'x.csv line 1')).toThrow(
      'x.csv line 1: the header names "a" twice (columns 1 and 3); expected distinct names',
    );
  });
});

describe('listColumnNames', () => {
  it('lists at most 10 names, quoted and cut', () => {
    expect(listColumnNames(['a', 'b\n'])).toBe('"a", "b\\n"');
    const many = Array.from({ length: 100_000 }, (_, column) => `c${column}`);
    expect(listColumnNames(many)).toBe('"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9" and 99990 more');
    expect(listColumnNames(['x'.repeat(1000)])).toBe(`"${'x'.repeat(40)}"… (1000 characters)`);
  });
});
