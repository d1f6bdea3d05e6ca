import { DivergenceError } from './divergence-error.js';
import type { NamedParameter } from './network.js';
import type { Kernels } from './kernels.js';
import type { Optimizer } from './optimizers/optimizer.js';

/**
 * Keeps every step finite. Before a step: the loss and every gradient must be finite and, for plain gradient
 * descent, the update w − η ∂J/∂w must not overflow (max|w| + η max|∂J/∂w| finite): one pass over the parameters.
 * Other optimizers compute their own updates, so for them the parameters are copied before the step (into buffers
 * kept between steps) and checked after it; on a non-finite value the copy is put back.
 * Either way a DivergenceError names the iteration, the layer and the quantity, and the parameters keep their last
 * finite values.
 */
export class DivergenceGuard {
  private readonly backups: Float64Array[] | undefined;

  constructor(
    private readonly parameters: readonly NamedParameter[],
    private readonly learningRate: number,
    optimizer: Optimizer,
    private readonly kernels: Kernels,
  ) {
    this.backups = optimizer.kind === 'sgd' ? undefined : parameters.map(({ parameter }) => new Float64Array(parameter.value.data.length));
  }

  /**
   * Checks iteration `iteration`'s (1-based) loss and gradients before its step, and keeps a copy of the
   * parameters when the optimizer's update has to be checked after it.
   * @throws DivergenceError before anything changes.
   */
  beforeStep(iteration: number, loss: number): void {
    const { parameters, learningRate } = this;
    if (!Number.isFinite(loss)) throw new DivergenceError(iteration, 'the loss', loss, learningRate);
    for (const { path, parameter } of parameters) {
      const gradient = this.kernels.maxAbs(parameter.grad);
      if (!Number.isFinite(gradient)) throw new DivergenceError(iteration, `the gradient of ${path}`, gradient, learningRate);
      if (this.backups === undefined && !Number.isFinite(this.kernels.maxAbs(parameter.value) + learningRate * gradient)) {
        throw new DivergenceError(iteration, `the update of ${path}`, Infinity, learningRate);
      }
    }
    this.backups?.forEach((backup, i) => backup.set(parameters[i].parameter.value.data));
  }

  /**
   * Checks the parameters after an optimizer other than plain gradient descent has stepped; puts the copy back if
   * the step left a NaN or Infinity.
   * @throws DivergenceError naming the first damaged parameter.
   */
  afterStep(iteration: number): void {
    const { parameters, learningRate } = this;
    if (this.backups === undefined) return;
    const damaged = parameters.find(({ parameter }) => !Number.isFinite(this.kernels.maxAbs(parameter.value)));
    if (damaged !== undefined) {
      this.backups.forEach((backup, i) => parameters[i].parameter.value.data.set(backup));
      throw new DivergenceError(iteration, `the update of ${damaged.path}`, this.kernels.maxAbs(damaged.parameter.value), learningRate);
    }
  }
}
