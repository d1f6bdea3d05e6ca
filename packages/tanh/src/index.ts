/**
 * @bpnet/tanh: the hyperbolic tangent activation layer, y = tanh(net), and its container module.
 * @module @bpnet/tanh
 * @packageDocumentation
 */
export { TanhLayer, tanhActivation, tanhRegistration, tanhModule } from './tanh-layer.js';
