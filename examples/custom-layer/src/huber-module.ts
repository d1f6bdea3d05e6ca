import { expectFiniteNumber, expectKnownOptions, type LossRegistration, lossModule } from '@bpnet/core/plugin';
import { HuberLoss } from './huber-loss.js';

/** The loss in a spec: `{ kind: 'acme/huber', delta?: number }`, δ > 0 (default 1). */
export interface HuberSpec {
  readonly kind: 'acme/huber';
  readonly delta?: number;
  readonly [option: string]: unknown;
}

/** Registers the loss kind `'acme/huber'`. */
export const huberRegistration: LossRegistration<HuberSpec> = {
  kind: 'acme/huber',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/huber' }, { kind: 'acme/huber', delta: 0.3 }],
  create(config, context) {
    const where = `acme/huber at ${context.where}`;
    expectKnownOptions(config, ['delta'], where);
    const delta = expectFiniteNumber(config.delta ?? 1, `${where}: delta`);
    if (delta <= 0) throw new Error(`${where}: delta must be positive, got ${delta}`);
    return new HuberLoss(context.size, delta, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/huber'` as a network's loss. */
export const huberModule = lossModule(huberRegistration);
