import { Matrix, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkLayerGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { sigmoid, SigmoidLayer } from './sigmoid-layer.js';

describe('sigmoid', () => {
  it('is 1 / (1 + e^−x), finite and within [0, 1] for extreme inputs', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(sigmoid(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });
});

describe('SigmoidLayer', () => {
  it.each([
    [1, 1],
    [1, 3],
    [5, 20],
    [15, 3],
  ])('matches central differences (batch %i, %i units)', (batch, units) => {
    const random = new SeededRandom(batch * 31 + units);
    const comparisons = checkLayerGradients(new SigmoidLayer(units), randomMatrix(batch, units, random, 2), { random });
    expect(comparisons.map((c) => c.name)).toEqual(['input']);
    assertGradientsMatch('sigmoid', comparisons);
  });

  it('computes y = f(net) and ∂J/∂net = ∂J/∂y · y(1 − y) on a hand-worked case', () => {
    const layer = new SigmoidLayer(2);
    const y = layer.forward(Matrix.fromRows([[0, Math.log(3)]])); // f(ln 3) = 1 / (1 + 1/3) = 0.75
    expect(y.get(0, 0)).toBe(0.5);
    expect(y.get(0, 1)).toBeCloseTo(0.75, 15);
    const sensitivity = layer.backward(Matrix.fromRows([[2, 4]]));
    expect(sensitivity.get(0, 0)).toBe(2 * 0.5 * 0.5); // 0.5
    expect(sensitivity.get(0, 1)).toBeCloseTo(4 * 0.75 * 0.25, 15); // 0.75
  });

  it('has no parameters and keeps its input size', () => {
    const layer = new SigmoidLayer(7);
    expect(layer.parameters()).toEqual([]);
    expect(layer.outputSize).toBe(7);
  });
});
