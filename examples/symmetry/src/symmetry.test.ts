import { describe, expect, it } from 'vitest';
import { runSymmetry, symmetryInitializations } from './symmetry.js';

describe('the symmetry experiment', () => {
  const [gaussian, zeros, ones] = symmetryInitializations.map(({ name, weightInitializer }) =>
    runSymmetry(name, weightInitializer),
  );

  it('reports J of the last batch and, beside it, twice J as the numpy reference program prints it', () => {
    for (const run of [gaussian, zeros, ones]) expect(run.printedLoss).toBe(2 * run.finalLoss);
  });

  it('keeps 20 distinct hidden units from a gaussian start and learns the toy data', () => {
    expect(gaussian.distinctHiddenUnits).toBe(20);
    expect(gaussian.trainingAccuracy).toBe(1);
    expect(gaussian.firstStepFirstLayerGradient).toBeGreaterThan(0);
  });

  it('collapses a constant start to one effective hidden unit and learns far less', () => {
    expect(ones.distinctHiddenUnits).toBe(1);
    expect(ones.finalLoss).toBeGreaterThan(10 * gaussian.finalLoss);
    expect(ones.trainingAccuracy).toBeLessThan(0.7);
    expect(ones.diagnosis.findings).toContainEqual(
      expect.objectContaining({ kind: 'symmetric-units', layer: 0, units: 20, distinctUnits: 1 }),
    );
    expect(gaussian.diagnosis.findings.some((finding) => finding.kind === 'symmetric-units')).toBe(false);
  });

  it('gives the first layer a zero gradient on the first step from zeros, then keeps its units identical', () => {
    expect(zeros.firstStepFirstLayerGradient).toBe(0);
    expect(zeros.distinctHiddenUnits).toBe(1);
    expect(zeros.trainingAccuracy).toBeLessThan(0.7);
  });
});

describe("the symmetry experiment on numpy's random stream (--numpy)", () => {
  const [gaussian, zeros, ones] = symmetryInitializations.map(({ name, weightInitializer }) =>
    runSymmetry(name, weightInitializer, { numpy: true }),
  );

  // The numpy reference program, run from all-zero and all-one weights (biases zero, data and batches from
  // np.random.seed(1)), prints a final training loss Σ(T − z)²/N of 0.508 and 1.318 and training accuracies 0.60 and
  // 0.40; from its own 0.1·randn weights (np.random.seed(0)) 0.02706 and 1.00.
  it("prints the reference program's final losses, in its convention without the ½, and its accuracies", () => {
    expect(zeros.printedLoss.toFixed(3)).toBe('0.508');
    expect(ones.printedLoss.toFixed(3)).toBe('1.318');
    expect(gaussian.printedLoss.toFixed(5)).toBe('0.02706');
    expect([zeros.trainingAccuracy, ones.trainingAccuracy, gaussian.trainingAccuracy]).toEqual([0.6, 0.4, 1]);
  });

  it('collapses the constant starts to one hidden unit there too, with a zero first-layer gradient from zeros', () => {
    expect([zeros.distinctHiddenUnits, ones.distinctHiddenUnits, gaussian.distinctHiddenUnits]).toEqual([1, 1, 20]);
    expect(zeros.firstStepFirstLayerGradient).toBe(0);
  });
});
