/**
 * @bpnet/adam: the Adam optimizer, w ← w − η m̂ / (√v̂ + ε).
 * @module @bpnet/adam
 * @packageDocumentation
 */
export { AdamOptimizer, type AdamOptions } from './adam-optimizer.js';
export { adamRegistration, type AdamSpec } from './adam-registration.js';
export { adamModule } from './adam-registration.js';
