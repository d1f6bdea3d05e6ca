import { describe, expect, it } from 'vitest';
import { parseBoundedJson } from './bounded-json.js';

const loose = { maxStructureValues: 1e6, maxTypedValues: 1e6 };

/** The text in pieces of `size` characters (the last may be shorter). */
function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let i = 0; i < text.length; i += size) result.push(text.slice(i, i + size));
  return result;
}

describe('parseBoundedJson', () => {
  const sample =
    '{"a":[1,-0,0.5,-1.25e-7,1E+3,12345678901234567890,2.2250738585072014e-308,true,false,null],' +
    ' "s":"q\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 é😀","o":{"x":{},"y":[]},"a2":[[[]]], "dup":1, "dup":2 }';

  it('reads what JSON.parse reads, whatever the pieces it is given in', () => {
    const expected = JSON.parse(sample) as unknown;
    for (const size of [1, 2, 3, 7, 64, sample.length]) {
      expect(parseBoundedJson(pieces(sample, size), 'Text', loose)).toEqual(expected);
    }
    expect(Object.is((parseBoundedJson([sample], 'Text', loose) as { a: number[] }).a[1], -0)).toBe(true);
  });

  it('refuses what JSON.parse refuses, naming the position', () => {
    for (const text of [
      '',
      '{',
      '[1,]',
      '{"a":1,}',
      '01',
      '1.',
      '.5',
      '-',
      '+1',
      '1e',
      'tru',
      '"a',
      '"\\x"',
      '"\t"',
      '[1 2]',
      '{"a" 1}',
      'NaN',
      '1 1',
    ]) {
      expect(() => JSON.parse(text)).toThrow();
      for (const size of [1, 3, 100]) {
        expect(() => parseBoundedJson(pieces(text, size), 'Text', loose)).toThrow(
          /^Text: not valid JSON \(truncated or damaged\?\): /,
        );
      }
    }
    expect(() => parseBoundedJson(['[1,]'], 'Text', loose)).toThrow(
      'Text: not valid JSON (truncated or damaged?): unexpected "]" at position 3',
    );
    expect(() => parseBoundedJson(['[1,2'], 'Text', loose)).toThrow(
      'Text: not valid JSON (truncated or damaged?): the text ends early',
    );
    expect(() => parseBoundedJson(['[1-2]'], 'Text', loose)).toThrow(
      'Text: not valid JSON (truncated or damaged?): the number "1-2" ending at position 4 is malformed',
    );
  });

  it('refuses overlong strings and numbers, whatever the pieces', () => {
    for (const size of [5, 1000]) {
      expect(() =>
        parseBoundedJson(pieces(`["${'x'.repeat(2000)}"]`, size), 'Text', { ...loose, maxStringLength: 1000 }),
      ).toThrow(/^Text: a string of more than 1000 characters at position \d+; refusing to read it$/);
      expect(() => parseBoundedJson(pieces(`[1${'0'.repeat(500)}]`, size), 'Text', loose)).toThrow(
        /^Text: a number of more than 400 characters at position \d+; refusing to read it$/,
      );
    }
    expect(parseBoundedJson([`["${'x'.repeat(1000)}"]`], 'Text', { ...loose, maxStringLength: 1000 })).toEqual([
      'x'.repeat(1000),
    ]);
  });

  it('refuses forbidden keys and deep nesting', () => {
    expect(() => parseBoundedJson(['{"a":{"__proto__":{}}}'], 'Text', loose)).toThrow(
      "Text: the key '__proto__' is not allowed",
    );
    expect(() => parseBoundedJson([`${'['.repeat(65)}${']'.repeat(65)}`], 'Text', loose)).toThrow(
      'Text: nested too deeply',
    );
    expect(parseBoundedJson([`${'['.repeat(64)}${']'.repeat(64)}`], 'Text', loose)).toBeInstanceOf(Array);
  });

  it('reads arrays of numbers at the typed paths into Float64Arrays, counting their numbers apart', () => {
    const bounds = { maxStructureValues: 8, maxTypedValues: 5, typedArrayPaths: [['p', '*', 'values']] };
    const parsed = parseBoundedJson(
      pieces('{"p":[{"values":[1,2.5,-3]},{"values":[4,5e-1]}],"values":[7]}', 4),
      'Text',
      bounds,
    ) as {
      p: { values: Float64Array }[];
      values: number[];
    };
    expect(parsed.p.map(({ values }) => values)).toEqual([new Float64Array([1, 2.5, -3]), new Float64Array([4, 0.5])]);
    expect(parsed.values).toEqual([7]);
    expect(() => parseBoundedJson(['{"p":[{"values":[1,2,3,4,5,6]}]}'], 'Text', bounds)).toThrow(
      'Text: more than 5 parameter and state values at position 27; refusing to read further',
    );
    // Anything else there is read as usual, for the caller to refuse with its own message.
    expect(
      parseBoundedJson(['{"p":[{"values":[1,"x",null]},{"values":"y"}]}'], 'Text', {
        ...bounds,
        maxStructureValues: 9,
      }),
    ).toEqual({ p: [{ values: [1, 'x', null] }, { values: 'y' }] });
    expect(() => parseBoundedJson(['{"p":[{"values":[1,2,3,4,5,null]}]}'], 'Text', bounds)).toThrow(
      'Text: more than 8 JSON values (objects, arrays, strings and numbers ' +
        'outside parameter values) at position 27; refusing to read further',
    );
  });
});
