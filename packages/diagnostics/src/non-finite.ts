import type { Matrix, Network } from '@bpnet/core';
import type { Finding } from './finding.js';
import { layerName } from './layer-roles.js';
import type { RecordedPass } from './record-pass.js';

function firstNonFinite(matrix: Matrix): { index: number; value: number } | undefined {
  const index = matrix.data.findIndex((value) => !Number.isFinite(value));
  return index < 0 ? undefined : { index, value: matrix.data[index] };
}

function at(matrix: Matrix, index: number): string {
  return `row ${Math.floor(index / matrix.cols)}, column ${index % matrix.cols}`;
}

/**
 * The first NaN or Infinity, looking in order at the parameters, then the forward pass from the first layer up,
 * then the backward pass from the loss down: the place where the damage starts.
 */
export function findNonFinite(network: Network, pass?: RecordedPass): Finding[] {
  for (const { path, parameter } of network.namedParameters()) {
    const bad = firstNonFinite(parameter.value);
    if (bad) {
      const layer = Number(/layers\[(\d+)\]/.exec(path)?.[1] ?? 0);
      return [
        {
          kind: 'non-finite',
          layer,
          pass: 'parameters',
          quantity: path,
          message:
            `${layerName(network, layer)}: ${path} holds ${bad.value} at ${at(parameter.value, bad.index)}; ` +
            `the parameters were damaged earlier (a too-high learning rate?)`,
        },
      ];
    }
  }
  if (pass === undefined) return [];
  for (const record of pass.layers) {
    const bad = firstNonFinite(record.output);
    if (bad)
      return [
        {
          kind: 'non-finite',
          layer: record.index,
          pass: 'forward',
          quantity: 'output',
          message:
            `${layerName(network, record.index)}: the forward pass first produces ` +
            `${bad.value} here (output ${at(record.output, bad.index)}) from finite inputs`,
        },
      ];
  }
  for (const record of [...pass.layers].reverse()) {
    const sensitivity = record.inputSensitivity;
    const bad = sensitivity && firstNonFinite(sensitivity);
    if (sensitivity && bad)
      return [
        {
          kind: 'non-finite',
          layer: record.index,
          pass: 'backward',
          quantity: '∂J/∂input',
          message:
            `${layerName(network, record.index)}: the backward pass first ` +
            `produces ${bad.value} here (∂J/∂input ${at(sensitivity, bad.index)})`,
        },
      ];
  }
  return [];
}
