import { describe, expect, it } from 'vitest';
import { Matrix } from '../kernels/matrix.js';
import { centralDifferences } from './central-differences.js';
import { assertGradientsMatch, compareGradients } from './compare-gradients.js';
import { checkLayerGradients } from './gradient-check.js';
import { createParameter } from '../contract/parameter.js';
import type { Layer } from '../contract/layer.js';

describe('centralDifferences', () => {
  it('differentiates f(v) = v0² · v1 + sin(v1) to O(h²) and restores the values', () => {
    const values = new Float64Array([1.5, -0.5]);
    const gradient = centralDifferences(() => values[0] ** 2 * values[1] + Math.sin(values[1]), values, 1e-5);
    expect(gradient[0]).toBeCloseTo(2 * 1.5 * -0.5, 9);
    expect(gradient[1]).toBeCloseTo(1.5 ** 2 + Math.cos(-0.5), 9);
    expect(Array.from(values)).toEqual([1.5, -0.5]);
  });
});

describe('compareGradients', () => {
  it('passes agreeing gradients and fails one wrong element, reporting it', () => {
    const numeric = new Float64Array([1, -2, 3e-3]);
    expect(compareGradients('w', new Float64Array([1 + 1e-9, -2, 3e-3]), numeric).passed).toBe(true);
    const wrong = compareGradients('w', new Float64Array([1, -2, 3.1e-3]), numeric);
    expect(wrong.passed).toBe(false);
    expect(wrong.worst).toEqual({ index: 2, analytic: 3.1e-3, numeric: 3e-3 });
    expect(() => assertGradientsMatch('acme', [wrong])).toThrow(
      /acme: analytic gradients disagree[\s\S]*w: element 2 analytic 0.0031 vs numeric 0.003/,
    );
  });

  it('catches a layer whose backward forgets a factor', () => {
    // y = 3x with a backward that returns the sensitivity unscaled: a typical hand-written mistake.
    const broken: Layer = {
      kind: 'broken',
      inputSize: 2,
      outputSize: 2,
      forward: (x) =>
        new Matrix(
          x.rows,
          x.cols,
          x.data.map((v) => 3 * v),
        ),
      backward: (s) => s.clone(),
      parameters: () => [createParameter('unused', 1, 1)],
    };
    const [input] = checkLayerGradients(broken, Matrix.fromRows([[1, 2]]));
    expect(input.passed).toBe(false);
    expect(input.worst!.numeric / input.worst!.analytic).toBeCloseTo(3, 6);
  });
});
