import { Matrix } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { relu, ReluLayer } from './relu-layer.js';

describe('relu', () => {
  it('is max(0, x)', () => {
    expect(relu(2.5)).toBe(2.5);
    expect(relu(-2.5)).toBe(0);
    expect(relu(0)).toBe(0);
    expect(relu(-1e300)).toBe(0);
  });
});

describe('ReluLayer', () => {
  it('computes y = max(0, net) and ∂J/∂net = ∂J/∂y · [y > 0] on a hand-worked case', () => {
    const layer = new ReluLayer(3);
    // max(0, −2) = 0, max(0, 0) = 0, max(0, 3) = 3
    expect(layer.forward(Matrix.fromRows([[-2, 0, 3]])).toRows()).toEqual([[0, 0, 3]]);
    // blocked where net < 0, blocked at the kink net = 0 (derivative taken as 0), passed where net > 0
    expect(layer.backward(Matrix.fromRows([[5, 6, 7]])).toRows()).toEqual([[0, 0, 7]]);
  });

  it('has no parameters and keeps its input size', () => {
    const layer = new ReluLayer(7);
    expect(layer.parameters()).toEqual([]);
    expect(layer.outputSize).toBe(7);
    expect(layer.kind).toBe('relu');
  });
});

describe('relu and NaN', () => {
  it('passes a NaN through instead of hiding it as 0', () => {
    expect(relu(NaN)).toBeNaN();
    expect(relu(-0.5)).toBe(0);
    expect(relu(2)).toBe(2);
  });
});
