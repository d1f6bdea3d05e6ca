import { expectFiniteNumber, expectKnownOptions } from '../validation/validate.js';
import type { Fan, InitializerRegistration } from './initializer.js';
import { brief } from '../validation/brief.js';

/**
 * `{ kind: 'gaussian', std?, mean? }`: w ~ N(mean, std²). Without `std`, std = 1/√fanIn (LeCun's scaling, which
 * keeps each unit's net input near unit variance for standardized inputs); `mean` defaults to 0.
 * The reference program's initialization is `{ kind: 'gaussian', std: 0.1 }`.
 */
export const gaussianInitializer: InitializerRegistration = {
  kind: 'gaussian',
  module: '@bpnet/core',
  initialize(config, target, { fanIn, random, where }) {
    expectKnownOptions(config, ['std', 'mean'], `gaussian initializer of ${where}`);
    const std =
      config.std === undefined
        ? 1 / Math.sqrt(fanIn)
        : expectFiniteNumber(config.std, `gaussian initializer of ${where}: std`);
    const mean =
      config.mean === undefined ? 0 : expectFiniteNumber(config.mean, `gaussian initializer of ${where}: mean`);
    if (std < 0) throw new Error(`gaussian initializer of ${where}: std must be ≥ 0, got ${std}`);
    const data = target.data;
    for (let i = 0; i < data.length; i++) data[i] = mean + std * random.normal();
  },
};

/** `{ kind: 'zeros' }` (or `'zeros'`): w = 0. */
export const zerosInitializer: InitializerRegistration = {
  kind: 'zeros',
  module: '@bpnet/core',
  initialize(config, target, { where }) {
    expectKnownOptions(config, [], `zeros initializer of ${where}`);
    target.data.fill(0);
  },
};

/**
 * `{ kind: 'constant', value }`: w = value. All-equal weights make every hidden unit identical (docs/derivation.md,
 * section 9).
 */
export const constantInitializer: InitializerRegistration = {
  kind: 'constant',
  module: '@bpnet/core',
  initialize(config, target, { where }) {
    expectKnownOptions(config, ['value'], `constant initializer of ${where}`);
    target.data.fill(expectFiniteNumber(config.value, `constant initializer of ${where}: value`));
  },
};

/**
 * `{ kind: 'xavier', distribution? }` (Glorot and Bengio): variance 2 / (fanIn + fanOut), which keeps activations
 * and sensitivities at similar scales through sigmoid and tanh layers. `distribution: 'uniform'` (default) draws
 * U(−a, a) with a = √(6 / (fanIn + fanOut)); `'normal'` draws N(0, 2 / (fanIn + fanOut)).
 */
export const xavierInitializer: InitializerRegistration = scaledInitializer(
  'xavier',
  ({ fanIn, fanOut }) => 2 / (fanIn + fanOut),
);

/**
 * `{ kind: 'he', distribution? }` (He et al.): variance 2 / fanIn, for ReLU layers. `'uniform'` (default) draws
 * U(−a, a) with a = √(6 / fanIn); `'normal'` draws N(0, 2 / fanIn).
 */
export const heInitializer: InitializerRegistration = scaledInitializer('he', ({ fanIn }) => 2 / fanIn);

/** The initializers core registers in every container. */
export const builtinInitializers: readonly InitializerRegistration[] = [
  gaussianInitializer,
  zerosInitializer,
  constantInitializer,
  xavierInitializer,
  heInitializer,
];

/** An initializer drawing zero-mean values of the given variance, uniform (a = √(3·variance)) or normal. */
function scaledInitializer(kind: string, variance: (fan: Fan) => number): InitializerRegistration {
  return {
    kind,
    module: '@bpnet/core',
    initialize(config, target, context) {
      const where = `${kind} initializer of ${context.where}`;
      expectKnownOptions(config, ['distribution'], where);
      const distribution = config.distribution ?? 'uniform';
      if (distribution !== 'uniform' && distribution !== 'normal') {
        throw new Error(`${where}: distribution must be 'uniform' or 'normal', got ${brief(distribution)}`);
      }
      const std = Math.sqrt(variance(context));
      const { random } = context;
      const data = target.data;
      const limit = Math.sqrt(3) * std;
      for (let i = 0; i < data.length; i++)
        data[i] = distribution === 'normal' ? std * random.normal() : limit * (2 * random.uniform() - 1);
    },
  };
}
