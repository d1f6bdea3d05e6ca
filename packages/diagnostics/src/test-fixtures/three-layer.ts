import { buildNetwork, createContainer, type InitializerSpec, type Network, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import type { Container, ContainerModule } from 'inversify';

/*
 * Test-only (excluded from the build and the published files): the three-layer network the diagnostics tests
 * examine, from the real `@bpnet/dense`, `@bpnet/sigmoid` and `@bpnet/squared-error` (dev dependencies).
 * The same helpers as `test/src/fixtures/three-layer.ts`, which a package cannot import.
 */

/** A container with the three built-in kinds and a seeded random source, plus any extra modules. */
export function threeLayerContainer(seed: number, ...extra: ContainerModule[]): Container {
  return createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(seed), ...extra);
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
