import type { Kernels } from '../kernels/kernels.js';
import type { Parameter } from '../contract/parameter.js';
import { expectKnownOptions } from '../validation/validate.js';
import type { Optimizer, OptimizerRegistration, OptimizerState } from './optimizer.js';
import { expectOptimizerState } from './slot-state.js';

/**
 * Plain gradient descent: Δw = −η ∂J/∂w, w(m+1) = w(m) + Δw (equations 6 and 7). Its only state is the count of steps
 * taken; it has no options, so it refuses a state whose `config` is not `{}`. It declares
 * {@link SgdOptimizer.updateBound}, so the divergence guard checks its update before it is taken and never has to
 * undo one.
 */
export class SgdOptimizer implements Optimizer {
  readonly kind = 'sgd';
  private steps = 0;

  step(parameters: readonly Parameter[], learningRate: number, kernels: Kernels): void {
    this.steps++; // first, so that undo() is right after a step that threw too
    for (const { value, grad } of parameters) kernels.axpy(-learningRate, grad, value);
  }

  /** |Δw_i| = η · |∂J/∂w_i| ≤ η · max|∂J/∂w|: the step depends on the gradient alone. */
  updateBound(maxAbsGradient: number, learningRate: number): number {
    return learningRate * maxAbsGradient;
  }

  /** Undoes the last step's count (its only state); the caller puts the parameters back. */
  undo(): void {
    this.steps--;
  }

  saveState(): OptimizerState {
    return { kind: this.kind, config: {}, step: this.steps, slots: {} };
  }

  loadState(state: OptimizerState, parameters: readonly Parameter[]): void {
    this.steps = expectOptimizerState(state, this.kind, [], parameters, {}).step;
  }
}

/** Registers the optimizer kind `'sgd'` (no options). */
export const sgdRegistration: OptimizerRegistration = {
  kind: 'sgd',
  module: '@bpnet/core',
  create(config) {
    expectKnownOptions(config, [], 'sgd optimizer');
    return new SgdOptimizer();
  },
};
