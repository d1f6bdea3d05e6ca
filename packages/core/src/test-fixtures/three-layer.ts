import type { Container, ContainerModule } from 'inversify';
import { buildNetwork } from '../container/build-network.js';
import { createContainer, seededRandomModule } from '../container/container.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import type { Network } from '../network/network.js';
import { fixtureThreeLayerModules } from './three-layer-kinds.js';

/*
 * Test-only (excluded from the build and the published files): core's copy of the three-layer fixture of
 * `test/src/fixtures/three-layer.ts`, built from the test-only kinds of `three-layer-kinds.ts` instead of
 * `@bpnet/dense`, `@bpnet/sigmoid` and `@bpnet/squared-error`.
 */

/** A container with the kinds `'dense'`, `'sigmoid'`, `'squared-error'`, a seeded random source and any `extra`. */
export function threeLayerContainer(seed: number, ...extra: ContainerModule[]): Container {
  return createContainer(...fixtureThreeLayerModules, seededRandomModule(seed), ...extra);
}

/** The derivation's net d → h (sigmoid) → c (sigmoid) with squared error, built from its JSON spec. */
export function threeLayerNetwork(
  container: Container,
  inputSize: number,
  hiddenSize: number,
  classes: number,
  weightInitializer: InitializerSpec = { kind: 'gaussian', std: 0.1 },
): Network {
  return buildNetwork(container, {
    inputSize,
    layers: [
      { kind: 'dense', units: hiddenSize, weightInitializer },
      { kind: 'sigmoid' },
      { kind: 'dense', units: classes, weightInitializer },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
}

/** A copy of every parameter value, to compare before and after. */
export function snapshotParameters(network: Network): number[][] {
  return network.parameters().map((parameter) => Array.from(parameter.value.data));
}
