/**
 * @bpnet/squared-error: the criterion J = (1/N) Σ ½ ‖t − z‖² and its container module.
 * @module @bpnet/squared-error
 * @packageDocumentation
 */
export {
  SquaredErrorLoss,
  squaredErrorModule,
  squaredErrorRegistration,
  type SquaredErrorSpec,
} from './squared-error-loss.js';
