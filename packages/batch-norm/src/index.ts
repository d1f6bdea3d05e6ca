/**
 * @bpnet/batch-norm: batch normalization, y = γ (x − μ)/√(σ² + ε) + β per feature with the batch's statistics in
 * training and running ones in inference, and its container module.
 * @module @bpnet/batch-norm
 * @packageDocumentation
 */
export { BatchNormLayer, type BatchNormOptions } from './batch-norm-layer.js';
export { batchNormRegistration, type BatchNormSpec } from './batch-norm-registration.js';
export { batchNormModule } from './batch-norm-registration.js';
export { DEFAULT_EPSILON, DEFAULT_MOMENTUM, expectEpsilon, expectMomentum } from './batch-norm-options.js';
