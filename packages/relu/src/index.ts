/**
 * @bpnet/relu: the rectified linear activation layer, y = max(0, net), and its container module.
 * @packageDocumentation
 */
export { ReluLayer, relu, reluActivation } from './relu-layer.js';
export { reluRegistration, type ReluSpec } from './relu-registration.js';
export { reluModule } from './relu-module.js';
