/**
 * @bpnet/tanh: the hyperbolic tangent activation layer, y = tanh(net), and its container module.
 * @packageDocumentation
 */
export { TanhLayer, tanhActivation } from './tanh-layer.js';
export { tanhRegistration, type TanhSpec } from './tanh-registration.js';
export { tanhModule } from './tanh-module.js';
