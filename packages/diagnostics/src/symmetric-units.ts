import type { Network } from '@bpnet/core';
import type { Finding } from './finding.js';
import { layerName, unitWeights } from './layer-roles.js';

/**
 * Units with identical incoming weights and bias (column j of W and b_j equal bit for bit). From a constant or
 * all-zero start every such unit computes the same value and receives the same sensitivity (equation 12), so they
 * stay identical: the layer behaves as `distinctUnits` units.
 */
export function findSymmetricUnits(network: Network): Finding[] {
  const findings: Finding[] = [];
  network.layers.forEach((layer, index) => {
    const unit = unitWeights(layer);
    if (unit === undefined || layer.outputSize < 2) return;
    const signatures = new Set<string>();
    for (let j = 0; j < layer.outputSize; j++) {
      const column: number[] = [];
      for (let i = 0; i < unit.weights.rows; i++) column.push(unit.weights.get(i, j));
      column.push(unit.bias?.get(0, j) ?? 0);
      signatures.add(column.join(','));
    }
    if (signatures.size < layer.outputSize) {
      const why =
        signatures.size === 1
          ? 'initial weights: every unit receives identical weights and gradients'
          : 'weights: units with identical weights receive identical gradients';
      findings.push({
        kind: 'symmetric-units',
        layer: index,
        units: layer.outputSize,
        distinctUnits: signatures.size,
        message:
          `${layerName(network, index)}: ${layer.outputSize} units, ${signatures.size} distinct ` +
          `(symmetric ${why}; initialize the weights randomly, e.g. { kind: 'gaussian' })`,
      });
    }
  });
  return findings;
}
