import { assertConformance, checkOptimizerConformance, type ReferenceUpdate } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { adamRegistration, type AdamSpec } from './adam-optimizer.js';

/**
 * Adam as its TSDoc states it, at step t with g = ∂J/∂w: m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
 * m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), w ← w − η m̂ / (√v̂ + ε); m and v start at 0; β₁ = 0.9, β₂ = 0.999, ε = 1e-8
 * by default.
 */
function adamReference({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamSpec): ReferenceUpdate {
  let t = 0;
  const moments: { m: number[]; v: number[] }[] = [];
  return (values, gradients, eta) => {
    t += 1;
    values.forEach((w, p) => {
      moments[p] ??= { m: Array(w.length).fill(0), v: Array(w.length).fill(0) };
      const { m, v } = moments[p];
      for (let i = 0; i < w.length; i++) {
        const g = gradients[p][i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        const mHat = m[i] / (1 - beta1 ** t);
        const vHat = v[i] / (1 - beta2 ** t);
        w[i] = w[i] - (eta * mHat) / (Math.sqrt(vHat) + epsilon);
      }
    });
  };
}

describe('adam conformance', () => {
  it('passes the optimizer kit in its example configs', () => {
    const report = checkOptimizerConformance(adamRegistration, { reference: adamReference });
    assertConformance(report);
    expect(report.checks).toBe(2 * 7); // with 'undoes a step exactly'
  });

  it('passes with each option changed alone, so each must match for a saved state to load', () => {
    const configs: AdamSpec[] = [
      { kind: 'adam' },
      { kind: 'adam', beta1: 0.8 },
      { kind: 'adam', beta2: 0.99 },
      { kind: 'adam', epsilon: 1e-6 },
    ];
    assertConformance(
      checkOptimizerConformance(adamRegistration, {
        configs,
        reference: adamReference,
        steps: 8,
        learningRate: 0.02,
        seed: 7,
      }),
    );
  });
});
