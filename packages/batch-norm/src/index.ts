/**
 * @bpnet/batch-norm: batch normalization, y = γ (x − μ)/√(σ² + ε) + β per feature with the batch's statistics in
 * training and running ones in inference, and its container module.
 * @module @bpnet/batch-norm
 * @packageDocumentation
 */
export {
  BatchNormLayer,
  type BatchNormOptions,
  type BatchNormSpec,
  batchNormModule,
  batchNormRegistration,
} from './batch-norm-layer.js';
export { DEFAULT_EPSILON, DEFAULT_MOMENTUM, expectEpsilon, expectMomentum } from './batch-norm-options.js';
