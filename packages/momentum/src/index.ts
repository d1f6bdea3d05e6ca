/**
 * @bpnet/momentum: gradient descent with momentum, v ← μ v − η ∂J/∂w, w ← w + v.
 * @module @bpnet/momentum
 * @packageDocumentation
 */
export {
  MomentumOptimizer,
  type MomentumOptions,
  momentumModule,
  momentumRegistration,
  type MomentumSpec,
} from './momentum-optimizer.js';
