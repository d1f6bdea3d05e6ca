import { expectFiniteNumber, expectKnownOptions, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { GaussianNoiseLayer } from './gaussian-noise-layer.js';

/** The layer in a spec: `{ kind: 'acme/gaussian-noise', std?: number }`, σ ≥ 0 (default 0.1). */
export interface GaussianNoiseSpec {
  readonly kind: 'acme/gaussian-noise';
  readonly std?: number;
  readonly [option: string]: unknown;
}

/** Registers `'acme/gaussian-noise'`: y = x + σ·z in training, y = x in inference. */
export const gaussianNoiseRegistration: LayerRegistration<GaussianNoiseSpec> = {
  kind: 'acme/gaussian-noise',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/gaussian-noise' }, { kind: 'acme/gaussian-noise', std: 2 }],
  create(config, context) {
    const where = `acme/gaussian-noise at ${context.where}`;
    expectKnownOptions(config, ['std'], where);
    const std = expectFiniteNumber(config.std ?? 0.1, `${where}: std`);
    if (std < 0) throw new Error(`${where}: std must be ≥ 0, got ${std}`);
    return new GaussianNoiseLayer(context.inputSize, std, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/gaussian-noise'` in specs. */
export const gaussianNoiseModule = layerModule(gaussianNoiseRegistration);
