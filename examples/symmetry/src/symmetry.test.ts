import { describe, expect, it } from 'vitest';
import { runSymmetry, symmetryInitializations } from './symmetry.js';

describe('the symmetry experiment', () => {
  const [gaussian, zeros, ones] = symmetryInitializations.map(({ name, weightInitializer }) => runSymmetry(name, weightInitializer));

  it('keeps 20 distinct hidden units from a gaussian start and learns the toy data', () => {
    expect(gaussian.distinctHiddenUnits).toBe(20);
    expect(gaussian.trainingAccuracy).toBe(1);
    expect(gaussian.firstStepFirstLayerGradient).toBeGreaterThan(0);
  });

  it('collapses a constant start to one effective hidden unit and learns far less', () => {
    expect(ones.distinctHiddenUnits).toBe(1);
    expect(ones.finalLoss).toBeGreaterThan(10 * gaussian.finalLoss);
    expect(ones.trainingAccuracy).toBeLessThan(0.7);
    expect(ones.diagnosis.findings).toContainEqual(expect.objectContaining({ kind: 'symmetric-units', layer: 0, units: 20, distinctUnits: 1 }));
    expect(gaussian.diagnosis.findings.some((finding) => finding.kind === 'symmetric-units')).toBe(false);
  });

  it('gives the first layer a zero gradient on the first step from zeros, then keeps its units identical', () => {
    expect(zeros.firstStepFirstLayerGradient).toBe(0);
    expect(zeros.distinctHiddenUnits).toBe(1);
    expect(zeros.trainingAccuracy).toBeLessThan(0.7);
  });
});
