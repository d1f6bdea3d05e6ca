import { buildNetwork, createContainer, Matrix, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { type BatchTrace, traceBatch } from '@bpnet/diagnostics';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';

/**
 * One gradient-descent step of a tiny three-layer net (2 inputs, 2 hidden units, 2 outputs, sigmoid, squared error)
 * on a batch of N = 2 samples with η = 1, every quantity of the derivation recorded: the weights and biases before
 * the step, net_j, y_j, net_k, z_k, J = ½·mean‖t − z‖² over the batch, the carried net gradients g_k = ∂J/∂net_k and
 * g_j = ∂J/∂net_j beside the book's sensitivities δ = −N·g of each sample, the gradients ∂J/∂w_kj, ∂J/∂w_ji (stored
 * W2[j][k], W1[i][j]), the updates and one worked element of each of equations (10)–(13) (docs/derivation.md).
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
