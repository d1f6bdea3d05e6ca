import { expectFiniteNumber, expectKnownOptions, LAYER_REGISTRATION, type LayerRegistration } from '@bpnet/core/plugin';
import { ContainerModule } from 'inversify';
import { PreluLayer } from './prelu-layer.js';

/** The layer in a spec: `{ kind: 'acme/prelu', initialSlope?: number }` (default 0.25). */
export interface PreluSpec {
  readonly kind: 'acme/prelu';
  readonly initialSlope?: number;
  readonly [option: string]: unknown;
}

/** Registers the namespaced kind `'acme/prelu'`, validating its one option. */
export const preluRegistration: LayerRegistration<PreluSpec> = {
  kind: 'acme/prelu',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/prelu' }, { kind: 'acme/prelu', initialSlope: -0.5 }],
  create(config, context) {
    const where = `acme/prelu at ${context.where}`;
    expectKnownOptions(config, ['initialSlope'], where);
    return new PreluLayer(
      context.inputSize,
      expectFiniteNumber(config.initialSlope ?? 0.25, `${where}: initialSlope`),
      context.kernels,
    );
  },
};

/** Load into bpnet's container to use `'acme/prelu'` in specs. */
export const preluModule = new ContainerModule(({ bind }) => {
  bind(LAYER_REGISTRATION).toConstantValue(preluRegistration);
});
