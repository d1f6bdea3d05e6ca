// In a subfolder on purpose: the worker bundles every `src/plugins/*.ts` as a loadable plug-in.
import { createContainer, Matrix } from '@bpnet/core';
import { ActivationLayer, LAYER_REGISTRATION } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import testActivationModule, { softsignActivation, softsignRegistration } from '../test-activation.js';

describe('the test plug-in acme/softsign', () => {
  it('computes y = net / (1 + |net|) and ∂J/∂net = ∂J/∂y · (1 − |y|)² on hand-worked values', () => {
    expect(softsignActivation.apply(0)).toBe(0);
    expect(softsignActivation.apply(1)).toBe(0.5); // 1 / 2
    expect(softsignActivation.apply(-3)).toBe(-0.75); // −3 / 4
    // f'(1) = 1 / (1 + 1)² = 0.25, so a sensitivity of 2 becomes 0.5; f'(−3) = 1 / 16.
    expect(softsignActivation.backward(2, 0.5)).toBe(0.5);
    expect(softsignActivation.backward(1, -0.75)).toBe(0.0625);
    const layer = new ActivationLayer(softsignActivation, 2);
    const y = layer.forward(Matrix.fromRows([[1, -3]]));
    expect([y.get(0, 0), y.get(0, 1)]).toEqual([0.5, -0.75]);
  });

  it('passes the conformance kit (its backward matches finite differences)', () => {
    assertConformance(checkLayerConformance(softsignRegistration, { inputSizes: [1, 5], batchSizes: [1, 4] }));
  });

  it('registers its kind through its default-exported module, as the page loads it', () => {
    const container = createContainer(testActivationModule);
    const kinds = container.getAll(LAYER_REGISTRATION).map((registration) => registration.kind);
    expect(kinds).toContain('acme/softsign');
  });
});
