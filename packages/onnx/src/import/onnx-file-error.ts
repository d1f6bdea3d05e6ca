/**
 * The one error {@link fromOnnx} throws for a model it will not import: bytes that are not an ONNX model (truncated,
 * damaged), a model over the limits, an operator, attribute, data type or graph shape the importer does not support,
 * a layer kind not registered in the container, or the loss option. The message says what and where, naming the node
 * (`node 3 'Gemm_7' (Gemm): …`, or `node 3 (Gemm)` when it has no name) or the initializer concerned.
 */
export class OnnxFileError extends Error {
  override readonly name = 'OnnxFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
