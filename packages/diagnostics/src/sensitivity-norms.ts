import type { Matrix, Network } from '@bpnet/core';
import type { Finding } from './finding.js';
import type { RecordedPass } from './record-pass.js';

/**
 * Below this ratio of first-layer to last-layer sensitivity the gradient is called vanishing; above its inverse,
 * exploding.
 */
export const VANISHING_RATIO = 1e-4;

/** The root-mean-square of the elements, ‖m‖ / √(rows·cols). */
export function rootMeanSquare(matrix: Matrix): number {
  let sum = 0;
  for (const value of matrix.data) sum += value * value;
  return matrix.data.length === 0 ? 0 : Math.sqrt(sum / matrix.data.length);
}

/** The RMS of ∂J/∂input of each layer, in layer order (index 0 is the first layer). */
export function sensitivityNorms(pass: RecordedPass): number[] {
  return pass.layers.map((layer) =>
    layer.inputSensitivity === undefined ? NaN : rootMeanSquare(layer.inputSensitivity),
  );
}

/**
 * Compares the net gradient reaching the first layer's output, ∂J/∂net of the first layer, with the gradient the
 * loss hands to the network's output, ∂J/∂z, by root mean square: r = rms(∂J/∂net₁) / rms(∂J/∂z). A ratio below
 * 1e-4 means the early layers barely learn (vanishing), above 1e4 that their updates blow up (exploding).
 */
export function findSensitivityScale(network: Network, pass: RecordedPass): Finding[] {
  const first = pass.layers[0]?.outputSensitivity;
  const last = pass.layers[pass.layers.length - 1]?.outputSensitivity;
  if (first === undefined || last === undefined || network.layers.length < 2) return [];
  const top = rootMeanSquare(last);
  if (top === 0) return [];
  const ratio = rootMeanSquare(first) / top;
  if (ratio < VANISHING_RATIO) {
    return [
      {
        kind: 'vanishing-sensitivity',
        ratio,
        message:
          `vanishing sensitivity: rms ∂J/∂net at the first layer is ${ratio.toExponential(1)} ` +
          `× rms ∂J/∂z at the network's output, so the first layers barely learn`,
      },
    ];
  }
  if (ratio > 1 / VANISHING_RATIO) {
    return [
      {
        kind: 'exploding-sensitivity',
        ratio,
        message:
          `exploding sensitivity: rms ∂J/∂net at the first layer is ${ratio.toExponential(1)} ` +
          `× rms ∂J/∂z at the network's output; lower the learning rate or the initial weights`,
      },
    ];
  }
  return [];
}
