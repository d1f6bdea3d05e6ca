import { ActivationLayer, buildNetwork, createContainer, type LayerSpec, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { tanhActivation } from './tanh-layer.js';
import { tanhModule } from './tanh-module.js';

describe('tanhRegistration', () => {
  const container = createContainer(denseModule, tanhModule, squaredErrorModule, seededRandomModule(0));
  const spec = (tanh: LayerSpec) => ({
    inputSize: 2,
    layers: [{ kind: 'dense', units: 5 }, tanh, { kind: 'dense', units: 2 }],
    loss: { kind: 'squared-error' },
  });

  it("builds an activation layer of tanhActivation for the kind 'tanh' with the previous layer's size", () => {
    const network = buildNetwork(container, spec({ kind: 'tanh' }));
    expect(network.layers[1]).toBeInstanceOf(ActivationLayer);
    expect((network.layers[1] as ActivationLayer).activation).toBe(tanhActivation);
    expect(network.layers[1].kind).toBe('tanh');
    expect(network.layers[1].inputSize).toBe(5);
    expect(network.layers[1].outputSize).toBe(5);
  });

  it('rejects an unknown option, naming where it is', () => {
    expect(() => buildNetwork(container, spec({ kind: 'tanh', units: 5 }))).toThrow("tanh at layers[1]: unknown option 'units'; it takes no options");
  });
});
