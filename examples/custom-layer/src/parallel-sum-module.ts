import type { LayerSpec } from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { ParallelSumLayer } from './parallel-sum-layer.js';

/** The container in a spec: `{ kind: 'acme/parallel-sum', branches: [LayerSpec, LayerSpec, …] }` (at least one). */
export interface ParallelSumSpec {
  readonly kind: 'acme/parallel-sum';
  readonly branches: readonly LayerSpec[];
  readonly [option: string]: unknown;
}

/** Registers `'acme/parallel-sum'`: builds each branch through `context.build` and checks that their outputs add up. */
export const parallelSumRegistration: LayerRegistration<ParallelSumSpec> = {
  kind: 'acme/parallel-sum',
  module: '@bpnet/example-custom-layer',
  examples: [
    {
      kind: 'acme/parallel-sum',
      branches: [
        { kind: 'dense', units: 3 },
        { kind: 'dense', units: 3 },
      ],
    },
  ],
  create(config, context) {
    const where = `acme/parallel-sum at ${context.where}`;
    expectKnownOptions(config, ['branches'], where);
    if (!Array.isArray(config.branches) || config.branches.length === 0) {
      throw new Error(
        `${where}: branches must be a non-empty array of layer specs, ` +
          `e.g. [{ kind: 'dense', units: 3 }, { kind: 'dense', units: 3 }]`,
      );
    }
    const branches = config.branches.map((spec, k) => context.build(spec, context.inputSize, `branches[${k}]`));
    branches.forEach((branch, k) => {
      if (branch.outputSize !== branches[0].outputSize) {
        throw new Error(
          `${where}: branches[${k}] outputs ${branch.outputSize} columns and ` +
            `branches[0] ${branches[0].outputSize}; every branch must output as many`,
        );
      }
    });
    return new ParallelSumLayer(branches, context.kernels);
  },
};

/** Load into bpnet's container to use `'acme/parallel-sum'` in specs. */
export const parallelSumModule = layerModule(parallelSumRegistration);
