import { ActivationLayer, buildNetwork, createContainer, type LayerSpec, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { reluActivation } from './relu-layer.js';
import { reluModule } from './relu-module.js';

describe('reluRegistration', () => {
  const container = createContainer(denseModule, reluModule, squaredErrorModule, seededRandomModule(0));
  const spec = (relu: LayerSpec) => ({
    inputSize: 2,
    layers: [{ kind: 'dense', units: 5 }, relu, { kind: 'dense', units: 2 }],
    loss: { kind: 'squared-error' },
  });

  it("builds an activation layer of reluActivation for the kind 'relu' with the previous layer's size", () => {
    const network = buildNetwork(container, spec({ kind: 'relu' }));
    expect(network.layers[1]).toBeInstanceOf(ActivationLayer);
    expect((network.layers[1] as ActivationLayer).activation).toBe(reluActivation);
    expect(network.layers[1].kind).toBe('relu');
    expect(network.layers[1].inputSize).toBe(5);
    expect(network.layers[1].outputSize).toBe(5);
  });

  it('rejects an unknown option, naming where it is', () => {
    expect(() => buildNetwork(container, spec({ kind: 'relu', units: 5 }))).toThrow("relu at layers[1]: unknown option 'units'; it takes no options");
  });
});
