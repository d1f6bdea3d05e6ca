/**
 * @bpnet/dense: the fully connected layer, net = x · W + b, and its container module.
 * @module @bpnet/dense
 * @packageDocumentation
 */
export { DenseLayer } from './dense-layer.js';
export { denseRegistration, type DenseSpec } from './dense-registration.js';
export { denseModule } from './dense-registration.js';
