/**
 * What {@link toOnnx} throws when it refuses a network or an option: a layer kind with no lowering (the message
 * names the layer's path, its kind and the module to bind), a bad option (an unknown precision, a bad tensor name),
 * a parameter or state value that is NaN or ±Infinity (or overflows float32), a lowering that misuses the
 * {@link OnnxGraphBuilder} (an attribute of the wrong type, a tensor name it never made).
 */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}
