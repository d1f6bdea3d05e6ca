import {
  expectKnownOptions,
  expectPositiveInteger,
  type InitializerRegistration,
  initializerModule,
} from '@bpnet/core/plugin';

/**
 * `{ kind: 'acme/lecun-uniform' }`: w ~ U(−a, a) with a = √(3 / fanIn), so that E[w] = 0 and
 * Var[w] = a² / 3 = 1 / fanIn: each unit's net input keeps about the variance of one input. No options.
 */
export const lecunUniformInitializer: InitializerRegistration = {
  kind: 'acme/lecun-uniform',
  module: '@bpnet/example-custom-layer',
  initialize(config, target, { fanIn, random, where }) {
    const what = `acme/lecun-uniform initializer of ${where}`;
    expectKnownOptions(config, [], what);
    const limit = Math.sqrt(3 / expectPositiveInteger(fanIn, `${what}: fanIn`));
    const data = target.data;
    for (let i = 0; i < data.length; i++) data[i] = limit * (2 * random.uniform() - 1);
  },
};

/** Load into bpnet's container to use `weightInitializer: { kind: 'acme/lecun-uniform' }` (or the bare kind name). */
export const lecunUniformModule = initializerModule(lecunUniformInitializer);
