import {
  createParameter,
  expectKnownOptions,
  type Layer,
  LAYER_REGISTRATION,
  type LayerRegistration,
  type Matrix,
  type Parameter,
  reuseMatrix,
} from '@bpnet/core';
import { ContainerModule } from 'inversify';

/**
 * A layer written outside bpnet, as a user would: a scaled softsign y = g ⊙ x / (1 + |x|) with a learnable
 * gain g (1 × units). Backward: ∂J/∂g = Σ_n ∂J/∂y · x/(1 + |x|); ∂J/∂x = ∂J/∂y · g / (1 + |x|)².
 */
export class ScaledSoftsignLayer implements Layer {
  readonly kind = 'acme/scaled-softsign';
  readonly outputSize: number;
  readonly gain: Parameter;
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(readonly inputSize: number) {
    this.outputSize = inputSize;
    this.gain = createParameter('gain', 1, inputSize);
    this.gain.value.data.fill(1);
  }

  parameters(): readonly Parameter[] {
    return [this.gain];
  }

  forward(input: Matrix): Matrix {
    this.input = input;
    const output = (this.output = reuseMatrix(this.output, input.rows, input.cols));
    for (let n = 0; n < input.rows; n++)
      for (let j = 0; j < input.cols; j++) output.set(n, j, (this.gain.value.get(0, j) * input.get(n, j)) / (1 + Math.abs(input.get(n, j))));
    return output;
  }

  backward(sensitivity: Matrix): Matrix {
    const input = this.input!;
    const result = (this.inputSensitivity = reuseMatrix(this.inputSensitivity, input.rows, input.cols));
    for (let n = 0; n < input.rows; n++)
      for (let j = 0; j < input.cols; j++) {
        const x = input.get(n, j);
        const s = sensitivity.get(n, j);
        this.gain.grad.set(0, j, this.gain.grad.get(0, j) + (s * x) / (1 + Math.abs(x)));
        result.set(n, j, (s * this.gain.value.get(0, j)) / (1 + Math.abs(x)) ** 2);
      }
    return result;
  }
}

export const scaledSoftsignRegistration: LayerRegistration = {
  kind: 'acme/scaled-softsign',
  module: 'acme-layers',
  create(config, context) {
    expectKnownOptions(config, [], `acme/scaled-softsign at ${context.where}`);
    return new ScaledSoftsignLayer(context.inputSize);
  },
};

/** The plug-in's module, written with inversify directly. */
export const acmeLayersModule = new ContainerModule(({ bind }) => {
  bind(LAYER_REGISTRATION).toConstantValue(scaledSoftsignRegistration);
});
