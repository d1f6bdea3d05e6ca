import { describe, expect, it } from 'vitest';
import type { LossRegistration } from '../../contract/loss-layer.js';
import { Matrix } from '../../kernels/matrix.js';
import { checkLossConformance } from './loss-conformance.js';

/** J = (1/N) Σ ½‖z − t‖², optionally with the flaws hand-written losses have. */
function halfSquaredRegistration(flaw?: 'sum-not-mean' | 'gradient-without-1/N'): LossRegistration {
  return {
    kind: `test/half-squared-${flaw ?? 'correct'}`,
    create: (_config, { size }) => {
      let diff = new Float64Array(0);
      let rows = 0;
      return {
        kind: 'test/half-squared',
        size,
        forward(z, t) {
          rows = z.rows;
          diff = Float64Array.from(z.data, (v, i) => v - t.data[i]);
          const total = diff.reduce((s, d) => s + 0.5 * d * d, 0);
          return flaw === 'sum-not-mean' ? total : total / rows;
        },
        backward() {
          const scale = flaw === undefined ? 1 / rows : 1;
          return new Matrix(
            rows,
            size,
            diff.map((d) => d * scale),
          );
        },
      };
    },
  };
}

describe('checkLossConformance', () => {
  it('passes a correct loss', () => {
    const report = checkLossConformance(halfSquaredRegistration());
    expect(report.failures).toEqual([]);
    expect(report.checks).toBe(2 * 2 * 5);
  });

  it('catches a loss that sums over the batch instead of averaging', () => {
    const checks = checkLossConformance(halfSquaredRegistration('sum-not-mean'), { batchSizes: [4] }).failures.map(
      (f) => f.check,
    );
    expect(checks).toContain('batch equals mean of samples');
  });

  it('catches a gradient that forgets the 1/N', () => {
    const failures = checkLossConformance(halfSquaredRegistration('gradient-without-1/N'), {
      sizes: [3],
      batchSizes: [4],
    }).failures;
    expect(failures.map((f) => f.check)).toEqual(['gradient of prediction', 'batch equals mean of samples']);
  });
});
