/**
 * @bpnet/adam: the Adam optimizer, w ← w − η m̂ / (√v̂ + ε).
 * @module @bpnet/adam
 * @packageDocumentation
 */
export { AdamOptimizer, type AdamOptions, adamModule, adamRegistration, type AdamSpec } from './adam-optimizer.js';
