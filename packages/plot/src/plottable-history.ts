/**
 * What {@link historySvg} draws: core's `TrainingHistory` fits it as it is, and so does any object with a loss
 * series (an array or a typed array).
 */
export interface PlottableHistory {
  /** The loss of each iteration, drawn against its iteration 0, 1, 2, … (k × `lossEvery` when thinned). */
  readonly loss: ArrayLike<number>;
  /** The training (batch) accuracy, recorded at iterations 0, E, 2E, … where E = `iterationsPerEpoch`. */
  readonly accuracy?: ArrayLike<number>;
  /** The validation accuracy, recorded on the same iterations as `accuracy`. */
  readonly validationAccuracy?: ArrayLike<number>;
  /**
   * E, the iterations between two accuracy records. When it is missing it is estimated as
   * ⌈loss.length / accuracy.length⌉, which is exact when the number of iterations is a multiple of E.
   */
  readonly iterationsPerEpoch?: number;
  /** A validation loss recorded once per epoch like `accuracy` (at iterations 0, E, 2E, …), drawn in the loss panel. */
  readonly validationLoss?: ArrayLike<number>;
  /**
   * The iterations between two kept losses (core keeps every 2^k-th loss of a long run): `loss[k]` belongs to
   * iteration k × `lossEvery`. Default 1.
   */
  readonly lossEvery?: number;
  /** The epochs between two kept per-epoch values (accuracies, validation loss); default 1. */
  readonly epochEvery?: number;
}
