/**
 * Thrown by the trainer when the loss or a gradient becomes NaN or Infinity, or an update would overflow. The step that produced it is not
 * applied, so the parameters keep their last values.
 */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';

  constructor(
    /** The 1-based iteration whose loss or gradient was not finite. */
    readonly iteration: number,
    /** What was not finite: `'the loss'`, `'the gradient of layers[0].weights'` or `'the update of layers[0].weights'`. */
    readonly quantity: string,
    /** The offending value (NaN or Infinity; for a gradient its largest magnitude, for an update the bound max|w| + η max|∂J/∂w|). */
    readonly value: number,
    learningRate: number,
  ) {
    super(
      `Training diverged at iteration ${iteration}: ${quantity} is ${value}. The step was not applied, so the ` +
        `parameters keep their values from before it; try a learning rate smaller than ${learningRate}.`,
    );
  }
}
