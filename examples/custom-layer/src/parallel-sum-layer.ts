import type { ChildLayer, ForwardPass, Kernels, Layer, LayerSpec, Matrix, Parameter } from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration, layerModule, reuseMatrix } from '@bpnet/core/plugin';

/**
 * A container: every branch reads the same input and the outputs are added, y = Σ_k f_k(x) (for two branches,
 * y = f(x) + g(x)). The branches are layers built from nested specs; their parameters and state belong to them.
 *
 * Backward, given s = ∂J/∂y: ∂y/∂f_k = 1, so each branch receives s itself and adds its own parameter gradients;
 * x reaches y along every branch, so the input sensitivities add: ∂J/∂x = Σ_k f_k.backward(s).
 */
export class ParallelSumLayer implements Layer {
  readonly kind = 'acme/parallel-sum';
  readonly inputSize: number;
  readonly outputSize: number;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /** `branches` all read `inputSize` columns and write the same number of columns (checked by the registration). */
  constructor(
    private readonly branches: readonly Layer[],
    private readonly kernels: Kernels,
  ) {
    this.inputSize = branches[0].inputSize;
    this.outputSize = branches[0].outputSize;
  }

  /** None of its own: the branches' parameters are reached through `children()`. */
  parameters(): readonly Parameter[] {
    return [];
  }

  /** `branches[0]`, `branches[1]`, …: their parameters' paths are e.g. `layers[1].branches[0].weights`. */
  children(): readonly ChildLayer[] {
    return this.branches.map((layer, k) => ({ name: `branches[${k}]`, layer }));
  }

  /** y = Σ_k f_k(x); every branch gets the same `pass`. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    const output = (this.output = reuseMatrix(this.output, input.rows, this.outputSize, this.kernels));
    this.kernels.copy(this.branches[0].forward(input, pass), output);
    for (let k = 1; k < this.branches.length; k++) this.kernels.axpy(1, this.branches[k].forward(input, pass), output);
    return output;
  }

  /** ∂J/∂x = Σ_k f_k.backward(s); each branch adds its own ∂J/∂p. */
  backward(sensitivity: Matrix): Matrix {
    const result = (this.inputSensitivity = reuseMatrix(
      this.inputSensitivity,
      sensitivity.rows,
      this.inputSize,
      this.kernels,
    ));
    this.kernels.copy(this.branches[0].backward(sensitivity), result);
    for (let k = 1; k < this.branches.length; k++) this.kernels.axpy(1, this.branches[k].backward(sensitivity), result);
    return result;
  }

  /** Only the parameter gradients (when this is the network's first layer): each branch's, without ∂J/∂x. */
  backwardParameters(sensitivity: Matrix): void {
    for (const branch of this.branches) {
      if (branch.backwardParameters !== undefined) branch.backwardParameters(sensitivity);
      else branch.backward(sensitivity);
    }
  }
}

// Registration

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
