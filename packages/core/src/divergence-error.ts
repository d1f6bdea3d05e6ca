/**
 * Thrown by the trainer when the loss or a gradient becomes NaN or Infinity, or an update would overflow or did.
 * The step that produced it is not applied (or is undone), so the parameters keep their last finite values.
 */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
  /** The index of the layer whose gradient or update was not finite; undefined for the loss. */
  readonly layer: number | undefined;

  constructor(
    /** The 1-based iteration whose loss, gradient or update was not finite. */
    readonly iteration: number,
    /** What was not finite: `'the loss'`, `'the gradient of layers[0].weights'` or `'the update of layers[0].weights'`. */
    readonly quantity: string,
    /** The offending value: NaN or Infinity (for a gradient or an update, its largest magnitude). */
    readonly value: number,
    learningRate: number,
  ) {
    super(
      `Training diverged at iteration ${iteration}: ${quantity} is ${value}. The step was not applied, so the ` +
        `parameters keep their values from before it; try a learning rate smaller than ${learningRate}.`,
    );
    const layer = /layers\[(\d+)\]/.exec(quantity);
    this.layer = layer === null ? undefined : Number(layer[1]);
  }
}
