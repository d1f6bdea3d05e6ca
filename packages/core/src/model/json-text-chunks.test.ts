import { describe, expect, it } from 'vitest';
import { jsonTextChunks } from './json-text-chunks.js';

describe('jsonTextChunks', () => {
  it('writes exactly what JSON.stringify writes, long arrays in slices', () => {
    const long = Array.from({ length: 150_000 }, (_, i) => (i % 7 === 0 ? Number.NaN : i / 3));
    const value = {
      a: 1,
      skip: undefined,
      f: () => 1,
      s: Symbol('s'),
      nested: { list: [1, undefined, () => 2, 'x', null, { deep: [long, []] }], empty: {}, none: [] },
      date: new Date(0),
      typed: new Float64Array([1, 2]),
      custom: { toJSON: () => 'custom' },
      gone: { toJSON: () => undefined },
      long,
      '"quoted key"': -0,
    };
    const chunks = [...jsonTextChunks(value)];
    expect(chunks.join('')).toBe(JSON.stringify(value));
    expect(chunks.length).toBeGreaterThan(4);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(65_536 * 25);
    for (const small of [1, 'x', null, [], {}, [[[]]], { a: [] }, undefined])
      expect([...jsonTextChunks(small)].join('')).toBe(JSON.stringify(small) ?? '');
  });
});
