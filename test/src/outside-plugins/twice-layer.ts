import { type ChildLayer, expectKnownOptions, expectObject, type ForwardPass, type Layer, type LayerRegistration, type LayerSpec, type Matrix, type Parameter } from '@bpnet/core';

/** `{ kind: 'acme/twice', body }`: two layers built from `body`, one after the other, each with its own parameters. */
export interface TwiceSpec {
  readonly kind: 'acme/twice';
  /** The spec both children are built from. */
  readonly body: LayerSpec;
}

/**
 * A container written outside bpnet: y = second(first(x)), where `first` and `second` are two layers built from the
 * same spec (not one layer applied twice: each has its own parameters and state, under `<path>.first.…` and
 * `<path>.second.…`).
 *
 * Backward by the chain rule: with u = first(x), ∂J/∂u = second.backward(∂J/∂y), then ∂J/∂x = first.backward(∂J/∂u);
 * each child adds its own ∂J/∂p on the way. It has no parameters of its own and declares nothing: the network reads
 * `stochastic` and `couplesSamples` over the whole tree.
 */
export class TwiceLayer implements Layer {
  readonly kind = 'acme/twice';
  readonly inputSize: number;
  readonly outputSize: number;

  constructor(
    readonly first: Layer,
    readonly second: Layer,
  ) {
    this.inputSize = first.inputSize;
    this.outputSize = second.outputSize;
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  children(): readonly ChildLayer[] {
    return [
      { name: 'first', layer: this.first },
      { name: 'second', layer: this.second },
    ];
  }

  /** y = second(first(x)), both in the same pass. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    return this.second.forward(this.first.forward(input, pass), pass);
  }

  /** ∂J/∂x = first.backward(second.backward(∂J/∂y)). */
  backward(sensitivity: Matrix): Matrix {
    return this.first.backward(this.second.backward(sensitivity));
  }

  /** The children's parameter gradients, sparing `first` its ∂J/∂x when it can. */
  backwardParameters(sensitivity: Matrix): void {
    const middle = this.second.backward(sensitivity);
    if (this.first.backwardParameters !== undefined) this.first.backwardParameters(middle);
    else this.first.backward(middle);
  }
}

/** Registers `acme/twice`: builds `first` from `body` on the input, `second` from `body` on `first`'s output. */
export const twiceRegistration: LayerRegistration<TwiceSpec> = {
  kind: 'acme/twice',
  module: '@acme/twice',
  examples: [{ kind: 'acme/twice', body: { kind: 'acme/noise', sigma: 0.5 } }],
  create(config, context) {
    const where = `acme/twice at ${context.where}`;
    expectKnownOptions(config, ['body'], where);
    expectObject(config.body, `${where}: body`);
    const first = context.build(config.body, context.inputSize, 'first');
    const second = context.build(config.body, first.outputSize, 'second');
    return new TwiceLayer(first, second);
  },
};
