import type { BpnetContainer } from '../di/bpnet-container.js';
import type { Network } from '../network/network.js';
import type { NetworkSpec } from '../network/network-spec.js';
import { NETWORK_BUILDER } from '../network/network-builder.js';

/**
 * Builds a network from a JSON spec with the container's registered kinds, kernels and random source.
 *
 * ```ts
 * const network = buildNetwork(container, {
 *   inputSize: 4,
 *   layers: [{ kind: 'dense', units: 20 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
 *   loss: { kind: 'squared-error' },
 * });
 * ```
 */
export function buildNetwork(container: BpnetContainer, spec: NetworkSpec): Network {
  return container.get(NETWORK_BUILDER).build(spec);
}
