/**
 * @bpnet/sigmoid: the logistic activation layer, y = 1 / (1 + e^−net), and its container module.
 * @packageDocumentation
 */
export { SigmoidLayer, sigmoid, sigmoidActivation } from './sigmoid-layer.js';
export { sigmoidRegistration, type SigmoidSpec } from './sigmoid-registration.js';
export { sigmoidModule } from './sigmoid-module.js';
