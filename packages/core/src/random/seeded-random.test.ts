import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.uniform());
}

describe('SeededRandom', () => {
  it('reproduces a stream from its seed, and different seeds differ', () => {
    expect(draws(new SeededRandom(42), 5)).toEqual(draws(new SeededRandom(42), 5));
    expect(draws(new SeededRandom(42), 5)).not.toEqual(draws(new SeededRandom(43), 5));
    expect(draws(new SeededRandom(2 ** 40), 5)).not.toEqual(draws(new SeededRandom(0), 5));
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const values = draws(new SeededRandom(1), 200_000);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws normals with mean 0, variance 1 and the right tail mass', () => {
    const random = new SeededRandom(2);
    const values = Array.from({ length: 200_000 }, () => random.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    const beyondTwo = values.filter((v) => Math.abs(v) > 2).length / values.length;
    expect(mean).toBeCloseTo(0, 2);
    expect(variance).toBeCloseTo(1, 1);
    expect(beyondTwo).toBeCloseTo(0.0455, 2); // P(|Z| > 2) = 0.0455
  });

  it('draws integers uniformly in range', () => {
    const random = new SeededRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[random.integer(3)]++;
    for (const count of counts) expect(count / 30_000).toBeCloseTo(1 / 3, 1);
    expect(() => random.integer(0)).toThrow('SeededRandom.integer: n must be a positive integer, got 0');
  });

  it('draws integer(n) as the first 32-bit draw below the largest multiple of n, taken mod n', () => {
    const random = new SeededRandom(8),
      twin = new SeededRandom(8);
    for (const n of [1, 2, 3, 7, 30, 1000, 65_537, 2 ** 31 - 1, 2 ** 31 + 1, 3_000_000_019, 2 ** 32 - 1, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const limit = 4294967296 - (4294967296 % n);
        let x: number;
        do x = twin.nextUint32();
        while (x >= limit);
        expect(random.integer(n), `n = ${n}`).toBe(x % n);
      }
    }
  });

  it('samples distinct indices and shuffles into a permutation', () => {
    const random = new SeededRandom(4);
    const sample = random.sample(30, new Int32Array(15));
    expect(new Set(sample).size).toBe(15);
    expect(sample.every((index) => index >= 0 && index < 30)).toBe(true);
    const values = [0, 1, 2, 3, 4, 5, 6, 7];
    random.shuffle(values);
    expect([...values].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(() => random.sample(3, new Int32Array(4))).toThrow(
      'SeededRandom.sample: cannot draw 4 distinct indices from 3',
    );
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new SeededRandom(1.5)).toThrow('SeededRandom: seed must be a safe integer, got number 1.5');
  });
});
