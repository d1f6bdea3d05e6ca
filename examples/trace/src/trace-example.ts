import { buildNetwork, createContainer, Matrix, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { type BatchTrace, traceBatch } from '@bpnet/diagnostics';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';

/**
 * One gradient-descent step of a tiny three-layer net (2 inputs, 2 hidden units, 2 outputs) on a batch of two
 * samples, with every quantity of the derivation recorded: net_j, y_j, net_k, z_k, the sensitivities ∂J/∂net_k and
 * ∂J/∂net_j (the book's −δ_k, −δ_j), the gradients ∂J/∂w_kj, ∂J/∂w_ji and the updates.
 */
export function runTraceExample(): BatchTrace {
  const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(2));
  const network = buildNetwork(container, {
    inputSize: 2,
    layers: [
      { kind: 'dense', units: 2, weightInitializer: { kind: 'gaussian', std: 0.5 } },
      { kind: 'sigmoid' },
      { kind: 'dense', units: 2, weightInitializer: { kind: 'gaussian', std: 0.5 } },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
  const inputs = Matrix.fromRows([
    [1, -2],
    [0.5, 0.25],
  ]);
  return traceBatch(network, inputs, [0, 1], { learningRate: 1, apply: true });
}
