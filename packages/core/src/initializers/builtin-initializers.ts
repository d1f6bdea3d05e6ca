import { expectFiniteNumber, expectKnownOptions } from '../validate.js';
import type { InitializerRegistration } from './initializer.js';

/**
 * `{ kind: 'gaussian', std?, mean? }`: w ~ N(mean, std²). Without `std`, std = 1/√fanIn (LeCun's scaling, which
 * keeps each unit's net input near unit variance for standardized inputs); `mean` defaults to 0.
 * The seed's initialization is `{ kind: 'gaussian', std: 0.1 }`.
 */
export const gaussianInitializer: InitializerRegistration = {
  kind: 'gaussian',
  module: '@bpnet/core',
  initialize(config, target, { fanIn, random, where }) {
    expectKnownOptions(config, ['std', 'mean'], `gaussian initializer of ${where}`);
    const std = config.std === undefined ? 1 / Math.sqrt(fanIn) : expectFiniteNumber(config.std, `gaussian initializer of ${where}: std`);
    const mean = config.mean === undefined ? 0 : expectFiniteNumber(config.mean, `gaussian initializer of ${where}: mean`);
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

/** `{ kind: 'constant', value }`: w = value. All-equal weights make every hidden unit identical (seed, section 4). */
export const constantInitializer: InitializerRegistration = {
  kind: 'constant',
  module: '@bpnet/core',
  initialize(config, target, { where }) {
    expectKnownOptions(config, ['value'], `constant initializer of ${where}`);
    target.data.fill(expectFiniteNumber(config.value, `constant initializer of ${where}: value`));
  },
};

/** The initializers core registers in every container. */
export const builtinInitializers: readonly InitializerRegistration[] = [gaussianInitializer, zerosInitializer, constantInitializer];
