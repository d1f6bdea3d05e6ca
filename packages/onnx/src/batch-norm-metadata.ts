/**
 * The key of the model's `metadata_props` entry where `toOnnx` keeps a batch normalization's exact float64 ε and
 * running variance (ONNX's `epsilon` attribute is a float32), and where `fromOnnx` looks for them: the variance
 * initializer's name after `bpnet.batch-norm.exact:`.
 */
export function exactBatchNormKey(varianceInitializer: string): string {
  return `bpnet.batch-norm.exact:${varianceInitializer}`;
}
