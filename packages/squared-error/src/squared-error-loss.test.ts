import { Matrix, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkLossGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { SquaredErrorLoss } from './squared-error-loss.js';

describe('SquaredErrorLoss', () => {
  it.each([
    [1, 1],
    [1, 3],
    [15, 3],
    [6, 10],
  ])('matches central differences (batch %i, %i outputs)', (batch, size) => {
    const random = new SeededRandom(batch + 17 * size);
    const comparison = checkLossGradients(
      new SquaredErrorLoss(size),
      randomMatrix(batch, size, random),
      randomMatrix(batch, size, random),
    );
    assertGradientsMatch('squared-error', [comparison]);
  });

  it('computes J = (1/N) Σ ½‖t − z‖² and ∂J/∂z = (z − t)/N on a hand-worked case', () => {
    const loss = new SquaredErrorLoss(2);
    const z = Matrix.fromRows([
      [0.5, 0.25],
      [1, 0],
    ]);
    const t = Matrix.fromRows([
      [1, 0],
      [0, 0],
    ]);
    // sample 0: ½(0.25 + 0.0625) = 0.15625; sample 1: ½(1) = 0.5; mean = 0.328125
    expect(loss.forward(z, t)).toBe(0.328125);
    expect(loss.backward().toRows()).toEqual([
      [-0.25, 0.125],
      [0.5, 0],
    ]);
  });

  it('reports half of what the reference program prints (Σ (t − z)² / N)', () => {
    const random = new SeededRandom(3);
    const z = randomMatrix(15, 3, random);
    const t = randomMatrix(15, 3, random);
    let referencePrinted = 0;
    for (let i = 0; i < z.data.length; i++) referencePrinted += (t.data[i] - z.data[i]) ** 2;
    referencePrinted /= 15;
    expect(new SquaredErrorLoss(3).forward(z, t)).toBeCloseTo(referencePrinted / 2, 14);
  });

  it('rejects mismatched shapes and a backward before forward', () => {
    const loss = new SquaredErrorLoss(3);
    expect(() => loss.backward()).toThrow('SquaredError(3): backward called before forward');
    expect(() => loss.forward(Matrix.zeros(2, 3), Matrix.zeros(3, 3))).toThrow(
      'SquaredError(3): prediction is 2×3 and target 3×3; expected both N×3',
    );
  });
});
