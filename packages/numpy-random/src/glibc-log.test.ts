import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { glibcLog } from './glibc-log.js';

describe('glibcLog', () => {
  const { libc, machine, cases } = numpyReference.glibcLog;

  it(`returns what ${libc} (${machine}) log returns, bit for bit, where glibc or Math.log are off by one ULP`, () => {
    const mismatches = cases.filter(([x, expected]) => !Object.is(glibcLog(x), expected));
    expect(mismatches).toEqual([]);
  });

  it('handles the special values as C does', () => {
    expect(glibcLog(1)).toBe(0);
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(-0)).toBe(-Infinity);
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(-Infinity)).toBeNaN();
    expect(glibcLog(Number.NaN)).toBeNaN();
  });
});
