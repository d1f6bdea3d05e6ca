/**
 * @bpnet/dense: the fully connected layer, net = x · W + b, and its container module.
 * @module @bpnet/dense
 * @packageDocumentation
 */
export { DenseLayer, denseModule, denseRegistration, type DenseSpec } from './dense-layer.js';
