import { DEFAULT_MAX_PARAMETER_VALUES, DEFAULT_MAX_STRUCTURE_VALUES } from '@bpnet/core';
import { describeValue, expectKnownOptions } from '@bpnet/core/plugin';

/**
 * Bounds on what an ONNX model may ask of {@link fromOnnx}. `maxBytes` is checked first; the others are checked while
 * the protobuf is scanned and the graph is read, each before what it bounds is allocated, so importing any bytes takes
 * time and memory in proportion to these bounds, whatever the bytes hold.
 */
export interface OnnxLimits {
  /**
   * Longest model accepted, in bytes; default 8 · `maxParameterValues` + 64 · `maxStructureValues` (464,000,000 with
   * their defaults: every allowed weight as a DOUBLE plus the structure).
   */
  readonly maxBytes?: number;
  /**
   * Most weight values (initializers' elements, FLOAT or DOUBLE, and the floats of attributes) the model may hold, and
   * most parameter and state values the network built from it may hold; default `DEFAULT_MAX_PARAMETER_VALUES` of
   * `@bpnet/core` (50 million), as for model files.
   */
  readonly maxParameterValues?: number;
  /**
   * Most protobuf fields in the model besides weight values (messages, strings, integers, dimensions, …: each makes a
   * JavaScript value when decoded); default `DEFAULT_MAX_STRUCTURE_VALUES` of `@bpnet/core` (one million).
   */
  readonly maxStructureValues?: number;
  /** Most nodes in the graph; default {@link DEFAULT_MAX_ONNX_NODES} (10,000). */
  readonly maxNodes?: number;
  /**
   * Deepest nesting of residual and concat blocks (an `Add` or `Concat` whose branch holds another); default
   * {@link DEFAULT_MAX_ONNX_DEPTH} (8, which keeps every imported network within the builder's container depth limit).
   */
  readonly maxDepth?: number;
}

/** Default {@link OnnxLimits.maxNodes}: 10,000 nodes. */
export const DEFAULT_MAX_ONNX_NODES = 10_000;
/** Default {@link OnnxLimits.maxDepth}: residual and concat blocks nest at most 8 deep. */
export const DEFAULT_MAX_ONNX_DEPTH = 8;
/**
 * How deeply protobuf messages may nest in a model: 32 (an MLP needs 7: model, graph, value info, type, tensor type,
 * shape, dimension). Deeper nesting (sub-graphs in attributes) is refused before it is decoded.
 */
export const MAX_ONNX_MESSAGE_DEPTH = 32;

/** {@link OnnxLimits} with every default filled in. */
export type ResolvedOnnxLimits = Required<OnnxLimits>;

/** The limits with their defaults; each given one must be a non-negative integer (a safe one). */
export function resolveOnnxLimits(limits: OnnxLimits = {}): ResolvedOnnxLimits {
  if (typeof limits !== 'object' || limits === null)
    throw new Error(`limits must be an object, got ${describeValue(limits)}`);
  expectKnownOptions(
    limits,
    ['maxBytes', 'maxParameterValues', 'maxStructureValues', 'maxNodes', 'maxDepth'],
    'limits',
  );
  const check = (value: number | undefined, name: string): number | undefined => {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
      throw new Error(`limits.${name} must be a non-negative integer, got ${String(value)}`);
    return value;
  };
  const maxParameterValues = check(limits.maxParameterValues, 'maxParameterValues') ?? DEFAULT_MAX_PARAMETER_VALUES;
  const maxStructureValues = check(limits.maxStructureValues, 'maxStructureValues') ?? DEFAULT_MAX_STRUCTURE_VALUES;
  return {
    maxBytes: check(limits.maxBytes, 'maxBytes') ?? 8 * maxParameterValues + 64 * maxStructureValues,
    maxParameterValues,
    maxStructureValues,
    maxNodes: check(limits.maxNodes, 'maxNodes') ?? DEFAULT_MAX_ONNX_NODES,
    maxDepth: check(limits.maxDepth, 'maxDepth') ?? DEFAULT_MAX_ONNX_DEPTH,
  };
}
