/**
 * @bpnet/momentum: gradient descent with momentum, v ← μ v − η ∂J/∂w, w ← w + v.
 * @module @bpnet/momentum
 * @packageDocumentation
 */
export { MomentumOptimizer, type MomentumOptions } from './momentum-optimizer.js';
export { momentumRegistration, type MomentumSpec } from './momentum-registration.js';
export { momentumModule } from './momentum-registration.js';
