/**
 * @bpnet/containers: layers made of layers, built through the container's registry: sequential
 * (y = f_k(…f_1(x))), residual (y = x + f(x)) and concat (y = [f_1(x) | f_2(x) | …]), and their container module.
 * @module @bpnet/containers
 * @packageDocumentation
 */
export { LayerChain, buildLayers } from './layer-chain.js';
export { SequentialLayer, sequentialRegistration, type SequentialSpec } from './sequential-layer.js';
export { ResidualLayer, residualRegistration, type ResidualSpec } from './residual-layer.js';
export { ConcatLayer, concatRegistration, type ConcatSpec } from './concat-layer.js';
export { containersModule } from './containers-module.js';
