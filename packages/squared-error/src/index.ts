/**
 * @bpnet/squared-error: the criterion J = (1/N) Σ ½ ‖t − z‖² and its container module.
 * @module @bpnet/squared-error
 * @packageDocumentation
 */
export { SquaredErrorLoss } from './squared-error-loss.js';
export { squaredErrorRegistration, type SquaredErrorSpec } from './squared-error-registration.js';
export { squaredErrorModule } from './squared-error-registration.js';
