/**
 * @bpnet/containers: layers made of layers, built through the container's registry: sequential
 * (y = f_k(…f_1(x))), residual (y = x + f(x)) and concat (y = [f_1(x) | f_2(x) | …]), and their container module.
 * @module @bpnet/containers
 * @packageDocumentation
 */
export { LayerChain, buildLayers } from './layer-chain.js';
export { SequentialLayer } from './sequential-layer.js';
export { ResidualLayer } from './residual-layer.js';
export { ConcatLayer } from './concat-layer.js';
export { sequentialRegistration, type SequentialSpec } from './sequential-registration.js';
export { residualRegistration, type ResidualSpec } from './residual-registration.js';
export { concatRegistration, type ConcatSpec } from './concat-registration.js';
export { containersModule } from './containers-module.js';
