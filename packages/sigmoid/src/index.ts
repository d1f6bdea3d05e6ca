/**
 * @bpnet/sigmoid: the logistic activation layer, y = 1 / (1 + e^−net), and its container module.
 * @module @bpnet/sigmoid
 * @packageDocumentation
 */
export { SigmoidLayer, sigmoid, sigmoidActivation, sigmoidRegistration, sigmoidModule } from './sigmoid-layer.js';
