/**
 * @bpnet/dropout: inverted dropout, y = x ⊙ m with m = [u ≥ p] / (1 − p) in training and y = x in inference, and
 * its container module.
 * @module @bpnet/dropout
 * @packageDocumentation
 */
export {
  DEFAULT_DROPOUT_RATE,
  DropoutLayer,
  type DropoutOptions,
  type DropoutSpec,
  dropoutModule,
  dropoutRegistration,
  expectDropoutRate,
} from './dropout-layer.js';
