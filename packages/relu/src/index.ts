/**
 * @bpnet/relu: the rectified linear activation layer, y = max(0, net), and its container module.
 * @module @bpnet/relu
 * @packageDocumentation
 */
export { ReluLayer, relu, reluActivation, reluRegistration, reluModule } from './relu-layer.js';
