/**
 * A batch normalization's exact values, which ONNX's float32 attributes cannot hold: `toOnnx` keeps them in the
 * model's `metadata_props` (JSON, under {@link exactBatchNormKey}) whenever ε or the momentum is not a float32, and
 * `fromOnnx` restores them when they agree with the graph.
 */
export interface ExactBatchNorm {
  /** ε, whose float32 rounding is the node's `epsilon` attribute. */
  readonly epsilon: number;
  /** The layer's momentum m, whose float32 rounding is the node's `momentum` attribute. */
  readonly momentum?: number;
  /** What was added to every running variance in the graph: ε − fround(ε) in a float64 graph, else 0. */
  readonly varianceShift: number;
  /** The running variances before the shift (only when it is not 0). */
  readonly runningVariance?: readonly number[];
}

/**
 * The key of the model's `metadata_props` entry that holds a batch normalization's {@link ExactBatchNorm}: the variance
 * initializer's name after `bpnet.batch-norm.exact:`.
 */
export function exactBatchNormKey(varianceInitializer: string): string {
  return `bpnet.batch-norm.exact:${varianceInitializer}`;
}

/**
 * The exact values in `text` (an {@link ExactBatchNorm} as JSON) when they agree with the node: fround(ε) is its
 * `epsilon`, fround(m) its `momentum` (when it has one), and every runningVariance[i] + varianceShift is its variance
 * initializer's value i. Anything else (no entry, bad JSON, a disagreement, as after an edit of the graph) gives
 * undefined: the graph's own values then stand.
 */
export function readExactBatchNorm(
  text: string | undefined,
  node: { readonly epsilon: number; readonly momentum?: number; readonly variance: ArrayLike<number> },
): { epsilon: number; momentum?: number; runningVariance: ArrayLike<number> } | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { epsilon, momentum, varianceShift, runningVariance } = parsed as Record<string, unknown>;
  if (typeof epsilon !== 'number' || !(epsilon > 0) || Math.fround(epsilon) !== node.epsilon) return undefined;
  if (momentum !== undefined && (typeof momentum !== 'number' || Math.fround(momentum) !== node.momentum)) {
    return undefined;
  }
  if (typeof varianceShift !== 'number' || !Number.isFinite(varianceShift)) return undefined;
  const variance = runningVariance ?? Array.from(node.variance);
  if (!Array.isArray(variance) || variance.length !== node.variance.length) return undefined;
  const agrees = variance.every((v, i) => typeof v === 'number' && v >= 0 && v + varianceShift === node.variance[i]);
  if (!agrees) return undefined;
  return { epsilon, ...(typeof momentum === 'number' ? { momentum } : {}), runningVariance: variance };
}
