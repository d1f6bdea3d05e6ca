/**
 * @bpnet/softmax-cross-entropy: the fused softmax and cross-entropy criterion
 * J = −(1/N) Σ_n Σ_k t_nk log softmax(z_n)_k on logits z, and its container module.
 * @module @bpnet/softmax-cross-entropy
 * @packageDocumentation
 */
export {
  SoftmaxCrossEntropyLoss,
  softmaxCrossEntropyModule,
  softmaxCrossEntropyRegistration,
  type SoftmaxCrossEntropySpec,
} from './softmax-cross-entropy-loss.js';
