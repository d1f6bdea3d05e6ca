import { jsKernels, SeededRandom } from '@bpnet/core';
import { buildLayer, builtinInitializers, type LayerContextServices, Registry } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { denseRegistration, type DenseSpec } from './dense-registration.js';

function services(maxValues?: number): LayerContextServices {
  const layers = new Registry('layer', [denseRegistration]);
  const initializers = new Registry('initializer', builtinInitializers);
  return { kernels: jsKernels, random: new SeededRandom(0), initializers, layers, maxValues };
}

describe('denseRegistration.parameterCount', () => {
  it.each([1, 4, 7])(
    'declares the values the layer holds, W and b: (inputSize + 1) · units (input %i)',
    (inputSize) => {
      for (const config of [...(denseRegistration.examples ?? []), { kind: 'dense', units: 20 } as DenseSpec]) {
        const layer = buildLayer(services(), config, inputSize, 'layers[0]');
        const held = layer.parameters().reduce((sum, { value }) => sum + value.data.length, 0);
        expect(denseRegistration.parameterCount?.(config, inputSize)).toBe((inputSize + 1) * config.units);
        expect(held).toBe((inputSize + 1) * config.units);
      }
    },
  );

  it('counts 0 for units create refuses, so that create reports them', () => {
    for (const units of [0, -4, NaN, '3', undefined]) {
      expect(denseRegistration.parameterCount?.({ kind: 'dense', units } as unknown as DenseSpec, 3)).toBe(0);
    }
    expect(() => buildLayer(services(100), { kind: 'dense', units: -4 }, 3, 'layers[0]')).toThrow(
      'dense at layers[0]: units must be a positive integer, got number -4',
    );
  });

  it('makes a build with a limit refuse units before any allocation: (4 + 1) · 3 = 15 values fit 15, not 14', () => {
    expect(() => buildLayer(services(14), { kind: 'dense', units: 3 }, 4, 'layers[0]')).toThrow(
      'layers[0]: the spec asks for over 14 parameter values; refusing to allocate it',
    );
    expect(buildLayer(services(15), { kind: 'dense', units: 3 }, 4, 'layers[0]').outputSize).toBe(3);
    expect(() => buildLayer(services(5e7), { kind: 'dense', units: 1e12 }, 1000, 'layers[2]')).toThrow(
      'layers[2]: the spec asks for over 50000000 parameter values; refusing to allocate it',
    );
  });
});
