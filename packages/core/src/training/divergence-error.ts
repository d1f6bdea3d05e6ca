/**
 * Thrown by the trainer when the loss or a gradient becomes NaN or Infinity, or an update would overflow or did.
 * The step that produced it is not applied (or is undone: parameters, optimizer state, layer state and the
 * network's random source), so the run can go on from its last finite values.
 *
 * When the loss or a gradient is not finite, the quantity is where the forward pass first went non-finite, e.g.
 * `'the output of layers[2] (dense)'`, and the message adds what followed (`'; the loss is Infinity'`); when every
 * layer's output is finite, it is the loss or the first parameter gradient (in forward order) that is not.
 */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
  /** The index of the top-level layer whose output, gradient or update was not finite; undefined for the loss. */
  readonly layer: number | undefined;

  constructor(
    /** The 1-based iteration whose loss, gradient or update was not finite. */
    readonly iteration: number,
    /**
     * What was not finite: `'the output of layers[2] (dense)'`, `'the loss'`, `'the gradient of layers[0].weights'`
     * or `'the update of layers[0].weights'`.
     */
    readonly quantity: string,
    /** The offending value: NaN or Infinity (for an output, a gradient or an update, its largest magnitude). */
    readonly value: number,
    learningRate: number,
    /**
     * What followed from it or what else was seen, e.g. `'the loss is Infinity'`; added to the message after a
     * semicolon.
     */
    readonly detail?: string,
  ) {
    super(
      `Training diverged at iteration ${iteration}: ${quantity} is ` +
        `${value}${detail === undefined ? '' : `; ${detail}`}. The step was not ` +
        `applied, so the parameters keep their values from before it; ` +
        `try a learning rate smaller than ${learningRate}.`,
    );
    const layer = /layers\[(\d+)\]/.exec(quantity);
    this.layer = layer === null ? undefined : Number(layer[1]);
  }
}
