import {
  type ChildLayer,
  type ForwardPass,
  jsKernels,
  type Kernels,
  type Layer,
  type LayerSpec,
  type Matrix,
  type Parameter,
} from '@bpnet/core';
import { describeValue, expectKnownOptions, type LayerRegistration, reuseMatrix } from '@bpnet/core/plugin';
import { readColumnBlock, writeColumnBlock } from './column-blocks.js';
import { expectInputColumns, expectSensitivityShape } from './container-checks.js';
import { buildLayers, LayerChain } from './layer-chain.js';

/**
 * Branches side by side: every branch b (a chain of layers f_b) sees the same x, and the outputs are joined by
 * columns, y = [f_1(x) | f_2(x) | … | f_B(x)] (Torch's ConcatTable followed by JoinTable). Children
 * `branches[b][i]`. An empty branch is the identity, f_b(x) = x. It holds no parameters of its own.
 *
 * Backward: s = ∂J/∂y splits by columns into s_b = ∂J/∂f_b(x); x feeds every branch, so its sensitivity is the
 * sum over the branches, ∂J/∂x = Σ_b f_b.backward(s_b).
 */
export class ConcatLayer implements Layer {
  readonly kind = 'concat';
  /** Σ_b (columns of f_b(x)). */
  readonly outputSize: number;
  private readonly branches: readonly LayerChain[];
  /** The first output column of each branch: Σ_{c<b} (columns of f_c(x)). */
  private readonly offsets: readonly number[];
  private readonly branchSensitivities: (Matrix | undefined)[];
  private rows: number | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /**
   * @param branches - each branch's layers, in order; the first of each takes `inputSize` columns; `[]` is the
   * identity.
   * @param kernels - allocate the output and ∂J/∂x and sum the branches' sensitivities (default the JS kernels).
   * @param label - the layer in messages; the registration passes `concat at <where>`.
   * @throws Error when there is no branch, every branch is empty, or a branch's sizes do not chain.
   */
  constructor(
    readonly inputSize: number,
    branches: readonly (readonly Layer[])[],
    private readonly kernels: Kernels = jsKernels,
    readonly label = 'concat',
  ) {
    if (branches.length === 0) throw new Error(`${label}: branches must hold at least one branch`);
    if (branches.every((branch) => branch.length === 0)) {
      throw new Error(
        `${label}: every branch is empty; at least one branch must hold a layer (an empty branch passes x through)`,
      );
    }
    this.branches = branches.map((layers, index) => new LayerChain(inputSize, layers, `branches[${index}]`, label));
    this.branchSensitivities = this.branches.map(() => undefined);
    let columns = 0;
    this.offsets = this.branches.map((branch) => {
      const offset = columns;
      columns += branch.outputSize;
      return offset;
    });
    this.outputSize = columns;
  }

  /** None: a concatenation holds only its branches' parameters. */
  parameters(): readonly Parameter[] {
    return [];
  }

  /** `branches[0][0]`, `branches[0][1]`, …, `branches[1][0]`, …. */
  children(): readonly ChildLayer[] {
    return this.branches.flatMap((branch) => branch.children());
  }

  /**
   * y = [f_1(x) | … | f_B(x)], with `pass` handed unchanged to every branch. @throws Error if x does not have
   * `inputSize` columns.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    expectInputColumns(input, this.inputSize, this.label);
    this.rows = input.rows;
    const output = (this.output = reuseMatrix(this.output, input.rows, this.outputSize, this.kernels));
    this.branches.forEach((branch, index) =>
      writeColumnBlock(branch.forward(input, pass), output, this.offsets[index]),
    );
    return output;
  }

  /**
   * ∂J/∂x = Σ_b f_b.backward(s_b), s_b the columns of s that f_b produced. @throws Error before any forward, or if s is
   * not N × outputSize.
   */
  backward(sensitivity: Matrix): Matrix {
    expectSensitivityShape(sensitivity, this.rows, this.outputSize, this.label);
    const result = (this.inputSensitivity = reuseMatrix(
      this.inputSensitivity,
      sensitivity.rows,
      this.inputSize,
      this.kernels,
    ));
    this.branches.forEach((branch, index) => {
      const throughBranch = branch.backward(this.branchSensitivity(sensitivity, index));
      if (index === 0) this.kernels.copy(throughBranch, result);
      else this.kernels.axpy(1, throughBranch, result);
    });
    return result;
  }

  /** Each branch's parameter gradients from s_b, bit for bit as `backward` leaves them, without ∂J/∂x. */
  backwardParameters(sensitivity: Matrix): void {
    expectSensitivityShape(sensitivity, this.rows, this.outputSize, this.label);
    this.branches.forEach((branch, index) => {
      if (branch.layers.length > 0) branch.backwardParameters(this.branchSensitivity(sensitivity, index));
    });
  }

  /** s_b: the columns of s that branch `index` produced, in that branch's own buffer. */
  private branchSensitivity(sensitivity: Matrix, index: number): Matrix {
    const block = reuseMatrix(
      this.branchSensitivities[index],
      sensitivity.rows,
      this.branches[index].outputSize,
      this.kernels,
    );
    this.branchSensitivities[index] = block;
    return readColumnBlock(sensitivity, this.offsets[index], block);
  }
}

// Registration

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
