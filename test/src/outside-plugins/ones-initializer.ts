import { expectKnownOptions, type InitializerRegistration } from '@bpnet/core';

/** `'acme/ones'`: every element 1, a third-party initializer (draws nothing). */
export const onesInitializer: InitializerRegistration = {
  kind: 'acme/ones',
  module: '@acme/ones',
  initialize(config, target, context) {
    expectKnownOptions(config, [], `acme/ones initializer at ${context.where}`);
    target.data.fill(1);
  },
};
