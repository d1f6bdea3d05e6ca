import { buildNetwork, type LayerSpec } from '@bpnet/core';
import { type Activation, ActivationLayer } from '@bpnet/core/plugin';
import { reluActivation, reluModule } from '@bpnet/relu';
import { sigmoidActivation } from '@bpnet/sigmoid';
import { tanhActivation, tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { threeLayerContainer } from './fixtures/three-layer.js';

describe.each<[string, Activation]>([
  ['sigmoid', sigmoidActivation],
  ['tanh', tanhActivation],
  ['relu', reluActivation],
])("the registered kind '%s'", (kind, activation) => {
  const container = threeLayerContainer(0, tanhModule, reluModule);
  const spec = (layer: LayerSpec) => ({
    inputSize: 2,
    layers: [{ kind: 'dense', units: 5 }, layer, { kind: 'dense', units: 2 }],
    loss: { kind: 'squared-error' },
  });

  it("builds an activation layer with the previous layer's size", () => {
    const layer = buildNetwork(container, spec({ kind })).layers[1] as ActivationLayer;
    expect(layer).toBeInstanceOf(ActivationLayer);
    expect(layer.activation).toBe(activation);
    expect([layer.kind, layer.inputSize, layer.outputSize]).toEqual([kind, 5, 5]);
  });

  it('rejects an unknown option, naming where it is', () => {
    expect(() => buildNetwork(container, spec({ kind, units: 5 }))).toThrow(
      `${kind} at layers[1]: unknown option 'units'; it takes no options`,
    );
  });
});
