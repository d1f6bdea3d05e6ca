import type { InitializerRegistration, InitializerSpec } from './initializers/initializer.js';
import type { Kernels } from './kernels.js';
import type { Fan, LayerContext } from './layer.js';
import type { Matrix } from './matrix.js';
import type { RandomSource } from './random-source.js';
import type { Registry } from './registry.js';

/** What a layer context is made from. */
export interface LayerContextServices {
  readonly kernels: Kernels;
  readonly random: RandomSource;
  readonly initializers: Registry<InitializerRegistration>;
}

/**
 * The context a layer registration's `create` receives: the layer's input size and place, the kernels and random
 * source, and `initialize`, which fills a matrix by an initializer spec resolved through `initializers`.
 */
export function createLayerContext(services: LayerContextServices, inputSize: number, where: string): LayerContext {
  const { kernels, random, initializers } = services;
  return {
    inputSize,
    kernels,
    random,
    where,
    initialize(spec: InitializerSpec, target: Matrix, fan: Fan, what: string) {
      const place = `${where}.${what}`;
      const config = typeof spec === 'string' ? { kind: spec } : spec;
      if (typeof config !== 'object' || config === null) {
        throw new Error(`${place}: initializer must be a kind name or { kind, ...options }, got ${JSON.stringify(spec)}`);
      }
      initializers.get(config.kind, place).initialize(config, target, { ...fan, random, where: place });
    },
  };
}
