import { describe, expect, it } from 'vitest';
import { Matrix } from '../kernels/matrix.js';
import { SeededRandom } from '../random/seeded-random.js';
import {
  constantInitializer,
  gaussianInitializer,
  heInitializer,
  xavierInitializer,
  zerosInitializer,
} from './builtin-initializers.js';
import type { InitializerRegistration } from './initializer.js';

function fill(
  initializer: InitializerRegistration,
  config: Record<string, unknown>,
  rows: number,
  cols: number,
): Float64Array {
  const target = Matrix.zeros(rows, cols);
  initializer.initialize({ kind: initializer.kind, ...config }, target, {
    fanIn: rows,
    fanOut: cols,
    random: new SeededRandom(1),
    where: 'w',
  });
  return Float64Array.from(target.data);
}

function moments(values: Float64Array): { mean: number; variance: number; maxAbs: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, variance, maxAbs: values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) };
}

describe('built-in initializers', () => {
  it('gaussian draws N(mean, std²), with std 1/√fanIn by default', () => {
    const seeded = moments(fill(gaussianInitializer, { std: 0.1 }, 200, 300));
    expect(seeded.mean).toBeCloseTo(0, 3);
    expect(Math.sqrt(seeded.variance)).toBeCloseTo(0.1, 3);
    expect(Math.sqrt(moments(fill(gaussianInitializer, {}, 400, 200)).variance)).toBeCloseTo(1 / 20, 3);
    expect(moments(fill(gaussianInitializer, { std: 1, mean: 3 }, 100, 100)).mean).toBeCloseTo(3, 1);
  });

  it('zeros and constant fill exactly', () => {
    expect(fill(zerosInitializer, {}, 2, 3).every((v) => v === 0)).toBe(true);
    expect(fill(constantInitializer, { value: 1 }, 2, 3).every((v) => v === 1)).toBe(true);
  });

  it.each([
    [xavierInitializer, 'uniform', 300, 100, 2 / 400],
    [xavierInitializer, 'normal', 300, 100, 2 / 400],
    [heInitializer, 'uniform', 200, 300, 2 / 200],
    [heInitializer, 'normal', 200, 300, 2 / 200],
  ])('%o %s has variance matching its fan', (initializer, distribution, rows, cols, variance) => {
    const values = fill(initializer, { distribution }, rows, cols);
    const result = moments(values);
    expect(result.mean).toBeCloseTo(0, 2);
    expect(result.variance / variance).toBeCloseTo(1, 1);
    if (distribution === 'uniform') expect(result.maxAbs).toBeLessThanOrEqual(Math.sqrt(3 * variance));
  });

  it('rejects bad options, naming the matrix', () => {
    expect(() => fill(xavierInitializer, { distribution: 'cauchy' }, 2, 2)).toThrow(
      "xavier initializer of w: distribution must be 'uniform' or 'normal', got \"cauchy\"",
    );
    expect(() => fill(heInitializer, { gain: 2 }, 2, 2)).toThrow(
      "he initializer of w: unknown option 'gain'; expected one of: distribution",
    );
    expect(() => fill(gaussianInitializer, { std: 'big' }, 2, 2)).toThrow(
      'gaussian initializer of w: std must be a finite number, got the string "big"',
    );
  });
});
