/**
 * Thrown by the trainer when the loss or a gradient becomes NaN or Infinity. The step that produced it is not
 * applied, so the parameters keep their last values.
 */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';

  constructor(
    /** The 1-based iteration whose loss or gradient was not finite. */
    readonly iteration: number,
    /** What was not finite: `'loss'` or a parameter gradient's path, e.g. `'layers[0].weights.grad'`. */
    readonly quantity: string,
    /** The offending value (NaN, Infinity or −Infinity; for a gradient, the sum of its elements). */
    readonly value: number,
    learningRate: number,
  ) {
    super(
      `Training diverged at iteration ${iteration}: ${quantity} is ${value}. The step was not applied, so the ` +
        `parameters keep their values from before it; try a learning rate smaller than ${learningRate}.`,
    );
  }
}
