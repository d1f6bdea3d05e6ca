import type { LayerSpec } from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration } from '@bpnet/core/plugin';
import { expectLayerSpecs } from './container-checks.js';
import { buildLayers } from './layer-chain.js';
import { ResidualLayer } from './residual-layer.js';

/** A residual block in a network spec: y = x + f(x), f the layers of `body`. */
export interface ResidualSpec {
  readonly kind: 'residual';
  /** The layers of f, in order; a non-empty array of layer specs that maps the input size to itself. */
  readonly body: readonly LayerSpec[];
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'residual'`: validates `body`, builds each child through the container's registry at
 * `<where>.body[i]` and creates a {@link ResidualLayer}, which checks that the body keeps the input size.
 */
export const residualRegistration: LayerRegistration<ResidualSpec> = {
  kind: 'residual',
  module: '@bpnet/containers',
  // A residual body must give back the input size, which the kit varies: these bodies keep any size.
  examples: [
    { kind: 'residual', body: [{ kind: 'tanh' }] },
    { kind: 'residual', body: [{ kind: 'tanh' }, { kind: 'residual', body: [{ kind: 'tanh' }] }] },
  ],
  create(config, context) {
    const where = `residual at ${context.where}`;
    expectKnownOptions(config, ['body'], where);
    const specs = expectLayerSpecs(config.body, `${where}: body`);
    return new ResidualLayer(
      context.inputSize,
      buildLayers(context, specs, 'body', context.inputSize),
      context.kernels,
      where,
    );
  },
};
