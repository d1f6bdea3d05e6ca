import type { Network } from '@bpnet/core';
import type { Finding } from './finding.js';
import { layerName, unitWeights } from './layer-roles.js';

/**
 * Units whose incoming weights and bias all received a zero gradient in the last backpropagation: nothing flows
 * back to them (e.g. the layer above has all-zero weights, or the units are dead ReLUs or saturated sigmoids).
 */
export function findZeroGradientUnits(network: Network): Finding[] {
  const findings: Finding[] = [];
  network.layers.forEach((layer, index) => {
    const unit = unitWeights(layer);
    if (unit === undefined) return;
    const silent: number[] = [];
    for (let j = 0; j < layer.outputSize; j++) {
      let zero = (unit.biasGradient?.get(0, j) ?? 0) === 0;
      for (let i = 0; zero && i < unit.weights.rows; i++) zero = unit.weightsGradient.get(i, j) === 0;
      if (zero) silent.push(j);
    }
    if (silent.length > 0) {
      const all = silent.length === layer.outputSize;
      const listed = `${silent.slice(0, 8).join(', ')}${silent.length > 8 ? ', …' : ''}`;
      const which = all ? `all ${silent.length} units` : `${silent.length} of ${layer.outputSize} units (${listed})`;
      const hint = all && index < network.layers.length - 2 ? ' (are the weights of the layer above all zero?)' : '';
      findings.push({
        kind: 'zero-gradient-units',
        layer: index,
        units: silent,
        message:
          `${layerName(network, index)}: ${which} received a zero gradient: ` +
          `no sensitivity reaches them, so they cannot learn${hint}`,
      });
    }
  });
  return findings;
}
