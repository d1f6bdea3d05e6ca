import type { Network } from '@bpnet/core';
import { type Activation, ActivationLayer } from '@bpnet/core/plugin';
import type { Finding } from './finding.js';
import { layerName } from './layer-roles.js';
import type { RecordedPass } from './record-pass.js';

/** A unit is saturated on a sample when f'(net) is below this fraction of the activation's peak derivative. */
export const SATURATION_THRESHOLD = 0.01;

/**
 * Activation units that barely pass sensitivity back: f'(net) below 1% of its peak (for the sigmoid, |net| above
 * about 6.9, where f' = y(1 − y) < 0.0025; for ReLU, net ≤ 0). Reported when most (sample, unit) pairs are
 * saturated or some unit is saturated on every sample (a dead unit).
 */
export function findSaturatedUnits(network: Network, pass: RecordedPass): Finding[] {
  const findings: Finding[] = [];
  network.layers.forEach((layer, index) => {
    if (!(layer instanceof ActivationLayer)) return;
    const derivative = derivativeOf(layer.activation);
    const peak = Math.max(...[-1, 0, 1].map((net) => Math.abs(derivative(net))));
    const input = pass.layers[index].input;
    let saturated = 0;
    const fullySaturated: number[] = [];
    for (let j = 0; j < input.cols; j++) {
      let unitSaturated = 0;
      for (let n = 0; n < input.rows; n++) {
        if (Math.abs(derivative(input.get(n, j))) < SATURATION_THRESHOLD * peak) unitSaturated++;
      }
      saturated += unitSaturated;
      if (unitSaturated === input.rows) fullySaturated.push(j);
    }
    const fraction = saturated / input.data.length;
    if (fraction > 0.5 || fullySaturated.length > 0) {
      findings.push({
        kind: 'saturated-units',
        layer: index,
        saturatedFraction: fraction,
        fullySaturatedUnits: fullySaturated,
        message:
          `${layerName(network, index)}: ${(100 * fraction).toFixed(0)}% of unit activations ` +
          `are saturated (f'(net) below 1% of its peak, so little sensitivity passes back)` +
          (fullySaturated.length > 0 ? `; ${fullySaturated.length} of ${input.cols} units on every sample` : '') +
          '; standardize the inputs or start from smaller weights',
      });
    }
  });
  return findings;
}

/** net ↦ f'(net), through the output or the input as the activation defines its derivative. */
function derivativeOf(activation: Activation): (net: number) => number {
  if (activation.backwardFromInput !== undefined) {
    const fromInput = activation.backwardFromInput;
    return (net) => fromInput(1, net);
  }
  const { backward, apply } = activation;
  return (net) => backward(1, apply(net));
}
