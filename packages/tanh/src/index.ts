/**
 * @bpnet/tanh: the hyperbolic tangent activation layer, y = tanh(net), and its container module.
 * @packageDocumentation
 */
export { TanhLayer, tanhActivation, tanhRegistration, tanhModule } from './tanh-layer.js';
