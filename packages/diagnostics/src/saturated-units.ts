import { ActivationLayer, type Network } from '@bpnet/core';
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
    const { activation } = layer;
    const peak = Math.max(...[-1, 0, 1].map((net) => Math.abs(activation.backward(1, activation.apply(net)))));
    const output = pass.layers[index].output;
    let saturated = 0;
    const fullySaturated: number[] = [];
    for (let j = 0; j < output.cols; j++) {
      let unitSaturated = 0;
      for (let n = 0; n < output.rows; n++) {
        if (Math.abs(activation.backward(1, output.get(n, j))) < SATURATION_THRESHOLD * peak) unitSaturated++;
      }
      saturated += unitSaturated;
      if (unitSaturated === output.rows) fullySaturated.push(j);
    }
    const fraction = saturated / output.data.length;
    if (fraction > 0.5 || fullySaturated.length > 0) {
      findings.push({
        kind: 'saturated-units',
        layer: index,
        saturatedFraction: fraction,
        fullySaturatedUnits: fullySaturated,
        message:
          `${layerName(network, index)}: ${(100 * fraction).toFixed(0)}% of unit activations are saturated (f'(net) below 1% of its peak, so little sensitivity passes back)` +
          (fullySaturated.length > 0 ? `; ${fullySaturated.length} of ${output.cols} units on every sample` : '') +
          '; standardize the inputs or start from smaller weights',
      });
    }
  });
  return findings;
}
