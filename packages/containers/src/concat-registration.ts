import type { LayerSpec } from '@bpnet/core';
import { describeValue, expectKnownOptions, type LayerRegistration } from '@bpnet/core/plugin';
import { ConcatLayer } from './concat-layer.js';
import { buildLayers } from './layer-chain.js';

/** A concatenation in a network spec: y = [f_1(x) | f_2(x) | …], f_b the layers of `branches[b]`. */
export interface ConcatSpec {
  readonly kind: 'concat';
  /**
   * The branches, each an array of layer specs applied in order to the same x; a non-empty array in which at least
   * one branch holds a layer (an empty branch, `[]`, passes x through).
   */
  readonly branches: readonly (readonly LayerSpec[])[];
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'concat'`: validates `branches`, builds each branch's layers through the container's registry
 * at `<where>.branches[b][i]` and creates a {@link ConcatLayer}.
 */
export const concatRegistration: LayerRegistration<ConcatSpec> = {
  kind: 'concat',
  module: '@bpnet/containers',
  examples: [
    { kind: 'concat', branches: [[{ kind: 'dense', units: 2 }, { kind: 'tanh' }], [{ kind: 'dense', units: 1 }]] },
    {
      kind: 'concat',
      branches: [
        [],
        [{ kind: 'tanh' }, { kind: 'dense', units: 3 }],
        [{ kind: 'sequential', layers: [{ kind: 'dense', units: 1 }] }],
      ],
    },
  ],
  create(config, context) {
    const where = `concat at ${context.where}`;
    expectKnownOptions(config, ['branches'], where);
    const branches: unknown = config.branches;
    if (!Array.isArray(branches) || branches.length === 0) {
      throw new Error(
        `${where}: branches must be a non-empty array of branches ` +
          `(arrays of layer specs), got ${describeValue(branches)}`,
      );
    }
    const layers = branches.map((branch: unknown, index) => {
      if (!Array.isArray(branch))
        throw new Error(`${where}: branches[${index}] must be an array of layer specs, got ${describeValue(branch)}`);
      return buildLayers(context, branch, `branches[${index}]`, context.inputSize);
    });
    return new ConcatLayer(context.inputSize, layers, context.kernels, where);
  },
};
