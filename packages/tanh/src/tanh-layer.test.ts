import { Matrix } from '@bpnet/core';
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
});
