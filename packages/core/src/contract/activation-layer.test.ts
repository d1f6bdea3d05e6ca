import { describe, expect, it } from 'vitest';
import { type Activation, ActivationLayer } from './activation-layer.js';
import { Matrix } from '../kernels/matrix.js';

/** f(x) = x², written through its output only for the test: f'(x) = 2x = 2·sign·√y; here inputs are ≥ 0. */
const square: Activation = {
  kind: 'test/square',
  name: 'Square',
  apply: (x) => x * x,
  backward: (s, y) => s * 2 * Math.sqrt(y),
};

describe('ActivationLayer', () => {
  it('applies f element-wise and multiplies the sensitivity by f′', () => {
    const layer = new ActivationLayer(square, 2);
    expect(
      layer
        .forward(
          Matrix.fromRows([
            [1, 2],
            [3, 0.5],
          ]),
        )
        .toRows(),
    ).toEqual([
      [1, 4],
      [9, 0.25],
    ]);
    expect(
      layer
        .backward(
          Matrix.fromRows([
            [1, 1],
            [2, -1],
          ]),
        )
        .toRows(),
    ).toEqual([
      [2, 4],
      [12, -1],
    ]);
    expect(layer.parameters()).toEqual([]);
    expect([layer.kind, layer.outputSize]).toEqual(['test/square', 2]);
  });

  it('rejects bad sizes and shapes with clear errors', () => {
    expect(() => new ActivationLayer(square, 0)).toThrow('Square: inputSize must be a positive integer, got number 0');
    const layer = new ActivationLayer(square, 3);
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('Square(3): backward called before forward');
    expect(() => layer.forward(Matrix.zeros(1, 2))).toThrow('Square(3): input has 2 columns, expected 3');
    layer.forward(Matrix.zeros(2, 3));
    expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow('Square(3): sensitivity is 1×3, expected 2×3');
  });
});
