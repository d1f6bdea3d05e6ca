import { expectFiniteNumber, expectKnownOptions, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { RecenterLayer } from './recenter-layer.js';

/** The layer in a spec: `{ kind: 'acme/recenter', momentum?: number }`, m in (0, 1] (default 0.1). */
export interface RecenterSpec {
  readonly kind: 'acme/recenter';
  readonly momentum?: number;
  readonly [option: string]: unknown;
}

/** Registers `'acme/recenter'`: y = x − μ, μ a running mean of the training inputs (state). */
export const recenterRegistration: LayerRegistration<RecenterSpec> = {
  kind: 'acme/recenter',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/recenter' }, { kind: 'acme/recenter', momentum: 1 }],
  create(config, context) {
    const where = `acme/recenter at ${context.where}`;
    expectKnownOptions(config, ['momentum'], where);
    const momentum = expectFiniteNumber(config.momentum ?? 0.1, `${where}: momentum`);
    if (momentum <= 0 || momentum > 1) throw new Error(`${where}: momentum must be in (0, 1], got ${momentum}`);
    return new RecenterLayer(context.inputSize, momentum, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/recenter'` in specs. */
export const recenterModule = layerModule(recenterRegistration);
