import { Matrix, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkLayerGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { TanhLayer, tanhActivation } from './tanh-layer.js';

describe('tanhActivation', () => {
  it('is tanh, finite and within [−1, 1] for extreme inputs', () => {
    expect(tanhActivation.apply(0)).toBe(0);
    expect(tanhActivation.apply(1)).toBeCloseTo((Math.E - 1 / Math.E) / (Math.E + 1 / Math.E), 15);
    expect(tanhActivation.apply(800)).toBe(1);
    expect(tanhActivation.apply(-800)).toBe(-1);
    expect(tanhActivation.backward(3, 1)).toBe(0); // saturated: 1 − 1² = 0
  });
});

describe('TanhLayer', () => {
  it.each([
    [1, 1],
    [1, 3],
    [5, 20],
    [15, 3],
  ])('matches central differences (batch %i, %i units)', (batch, units) => {
    const random = new SeededRandom(batch * 37 + units);
    const comparisons = checkLayerGradients(new TanhLayer(units), randomMatrix(batch, units, random, 2), { random });
    expect(comparisons.map((c) => c.name)).toEqual(['input']);
    assertGradientsMatch('tanh', comparisons);
  });

  it('computes y = tanh(net) and ∂J/∂net = ∂J/∂y · (1 − y²) on a hand-worked case', () => {
    const layer = new TanhLayer(2);
    // tanh(ln 2) = (2 − 1/2) / (2 + 1/2) = 1.5 / 2.5 = 0.6
    const y = layer.forward(Matrix.fromRows([[0, Math.log(2)]]));
    expect(y.get(0, 0)).toBe(0);
    expect(y.get(0, 1)).toBeCloseTo(0.6, 15);
    const sensitivity = layer.backward(Matrix.fromRows([[4, 2]]));
    expect(sensitivity.get(0, 0)).toBe(4); // 4 · (1 − 0²) = 4
    expect(sensitivity.get(0, 1)).toBeCloseTo(1.28, 15); // 2 · (1 − 0.36) = 1.28
  });

  it('has no parameters and keeps its input size', () => {
    const layer = new TanhLayer(7);
    expect(layer.parameters()).toEqual([]);
    expect(layer.outputSize).toBe(7);
    expect(layer.kind).toBe('tanh');
  });

  it('rejects bad sizes and shapes with clear errors', () => {
    expect(() => new TanhLayer(0)).toThrow('Tanh: inputSize must be a positive integer, got number 0');
    const layer = new TanhLayer(3);
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('Tanh(3): backward called before forward');
    expect(() => layer.forward(Matrix.zeros(1, 2))).toThrow('Tanh(3): input has 2 columns, expected 3');
    layer.forward(Matrix.zeros(2, 3));
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('Tanh(3): sensitivity is 1×3, expected 2×3');
  });
});
