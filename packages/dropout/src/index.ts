/**
 * @bpnet/dropout: inverted dropout, y = x ⊙ m with m = [u ≥ p] / (1 − p) in training and y = x in inference, and
 * its container module.
 * @module @bpnet/dropout
 * @packageDocumentation
 */
export { DropoutLayer, type DropoutOptions } from './dropout-layer.js';
export { dropoutRegistration, type DropoutSpec } from './dropout-registration.js';
export { dropoutModule } from './dropout-registration.js';
export { DEFAULT_DROPOUT_RATE, expectDropoutRate } from './dropout-rate.js';
