import { jsKernels, Matrix, SeededRandom } from '@bpnet/core';
import { assertConformance, checkLossConformance, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { HuberLoss, huberRegistration } from './huber-loss.js';

describe('acme/huber', () => {
  it("passes bpnet's loss conformance kit", () => {
    const report = checkLossConformance(huberRegistration, { sizes: [1, 3], batchSizes: [1, 5] });
    assertConformance(report);
    expect(report.checks).toBe(2 * 2 * 2 * 5); // configs × sizes × batch sizes × 5 checks
  });

  it('computes J and ∂J/∂z on a hand-worked case (δ = 1)', () => {
    const loss = new HuberLoss(2, 1, jsKernels, 'test');
    const z = Matrix.fromRows([
      [0.5, 3],
      [-2, 0],
    ]);
    const t = Matrix.fromRows([
      [0, 0],
      [0, 1],
    ]);
    // r = [[0.5, 3], [−2, −1]]; h = ½·0.25 = 0.125, 1·(3 − ½) = 2.5, 1·(2 − ½) = 1.5, ½·1 = 0.5; J = 4.625 / 2
    expect(loss.forward(z, t)).toBe(2.3125);
    // clip(r, −1, 1) / 2
    expect(loss.backward().toRows()).toEqual([
      [0.25, 0.5],
      [-0.5, -0.5],
    ]);
  });

  it('is the squared error (1/N) Σ ½ r² when every |r| ≤ δ, and δ·(1/N) Σ (|r| − ½δ) when every |r| > δ', () => {
    const random = new SeededRandom(9);
    const z = randomMatrix(4, 3, random);
    const t = randomMatrix(4, 3, random);
    let squares = 0,
      beyond = 0;
    for (let i = 0; i < z.data.length; i++) {
      const r = z.data[i] - t.data[i];
      squares += (r * r) / 2;
      beyond += 1e-3 * (Math.abs(r) - 0.5e-3);
    }
    expect(new HuberLoss(3, 100, jsKernels, 'test').forward(z, t)).toBeCloseTo(squares / 4, 14);
    expect(new HuberLoss(3, 1e-3, jsKernels, 'test').forward(z, t)).toBeCloseTo(beyond / 4, 14);
  });

  it('rejects a bad delta, mismatched shapes and a backward before forward', () => {
    const context = { size: 2, kernels: jsKernels, where: 'loss' };
    expect(() => huberRegistration.create({ kind: 'acme/huber', delta: 0 }, context)).toThrow(
      'acme/huber at loss: delta must be positive, got 0',
    );
    expect(() => huberRegistration.create({ kind: 'acme/huber', threshold: 1 }, context)).toThrow(
      "acme/huber at loss: unknown option 'threshold'; expected one of: delta",
    );
    const loss = huberRegistration.create({ kind: 'acme/huber' }, context);
    expect(() => loss.backward()).toThrow('acme/huber at loss: backward called before forward');
    expect(() => loss.forward(Matrix.zeros(2, 2), Matrix.zeros(3, 2))).toThrow(
      'acme/huber at loss: prediction is 2×2 and target 3×2; expected both N×2',
    );
  });
});
