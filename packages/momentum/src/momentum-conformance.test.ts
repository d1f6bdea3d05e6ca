import { assertConformance, checkOptimizerConformance, type ReferenceUpdate } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { momentumRegistration, type MomentumSpec } from './momentum-optimizer.js';

/** Momentum as its TSDoc states it: v ← μ v − η ∂J/∂w, then w ← w + v, with v starting at 0 and μ = 0.9 by default. */
function momentumReference({ momentum = 0.9 }: MomentumSpec): ReferenceUpdate {
  const velocities: number[][] = [];
  return (values, gradients, eta) => {
    values.forEach((w, p) => {
      velocities[p] ??= Array(w.length).fill(0);
      const v = velocities[p];
      for (let i = 0; i < w.length; i++) {
        v[i] = momentum * v[i] - eta * gradients[p][i];
        w[i] = w[i] + v[i];
      }
    });
  };
}

describe('momentum conformance', () => {
  it('passes the optimizer kit in its example configs', () => {
    const report = checkOptimizerConformance(momentumRegistration, { reference: momentumReference });
    assertConformance(report);
    expect(report.checks).toBe(2 * 7); // with 'undoes a step exactly'
  });

  it('passes with μ = 0 (plain gradient descent), 0.5 and 0.99', () => {
    const configs: MomentumSpec[] = [
      { kind: 'momentum', momentum: 0 },
      { kind: 'momentum', momentum: 0.5 },
      { kind: 'momentum', momentum: 0.99 },
    ];
    assertConformance(
      checkOptimizerConformance(momentumRegistration, { configs, reference: momentumReference, steps: 8, seed: 3 }),
    );
  });
});
