import { DivergenceError } from './divergence-error.js';
import type { NamedParameter } from './network.js';
import type { Kernels } from './kernels.js';
import type { Optimizer } from './optimizers/optimizer.js';

/**
 * Keeps every step finite. Before a step: the loss and every gradient must be finite and, for plain gradient
 * descent, the update w − η ∂J/∂w must not overflow: B + η max|∂J/∂w| must stay within the largest finite value of
 * the parameter's storage (float64 or float32) for an upper bound B of max|w|.
 * The bound is carried from step to step (|w − η g| ≤ max|w| + η max|g|), so the values themselves are read only
 * at the first step and whenever the bound stops being finite; the gradients are read once per step.
 * Other optimizers compute their own updates, so for them the parameters are copied before the step (into buffers
 * kept between steps) and checked after it; on a non-finite value the copy is put back.
 * Either way a DivergenceError names the iteration, the layer and the quantity, and the parameters keep their last
 * finite values.
 */
/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

export class DivergenceGuard {
  private readonly backups: Float64Array[] | undefined;
  /** For plain gradient descent: an upper bound of max|w| per parameter (NaN until first read). */
  private readonly valueBounds: number[];
  /** max|∂J/∂w| per parameter at the current step. */
  private readonly gradientMaxima: number[];
  /** The largest finite value each parameter's storage holds (float64 or float32). */
  private readonly limits: number[];

  constructor(
    private readonly parameters: readonly NamedParameter[],
    private readonly learningRate: number,
    optimizer: Optimizer,
    private readonly kernels: Kernels,
  ) {
    this.backups = optimizer.kind === 'sgd' ? undefined : parameters.map(({ parameter }) => new Float64Array(parameter.value.data.length));
    this.valueBounds = parameters.map(() => NaN);
    this.gradientMaxima = parameters.map(() => 0);
    this.limits = parameters.map(({ parameter }) => (parameter.value.data instanceof Float32Array ? FLOAT32_MAX : Number.MAX_VALUE));
  }

  /**
   * Checks iteration `iteration`'s (1-based) loss and gradients before its step, and keeps a copy of the
   * parameters when the optimizer's update has to be checked after it.
   * @throws DivergenceError before anything changes.
   */
  beforeStep(iteration: number, loss: number): void {
    const { parameters, learningRate } = this;
    if (!Number.isFinite(loss)) throw new DivergenceError(iteration, 'the loss', loss, learningRate);
    const { valueBounds, gradientMaxima, limits } = this;
    for (let i = 0; i < parameters.length; i++) {
      const { path, parameter } = parameters[i];
      const gradient = (gradientMaxima[i] = this.kernels.maxAbs(parameter.grad));
      if (!Number.isFinite(gradient)) throw new DivergenceError(iteration, `the gradient of ${path}`, gradient, learningRate);
      if (this.backups === undefined && !(valueBounds[i] + learningRate * gradient <= limits[i])) {
        valueBounds[i] = this.kernels.maxAbs(parameter.value);
        if (!(valueBounds[i] + learningRate * gradient <= limits[i])) throw new DivergenceError(iteration, `the update of ${path}`, Infinity, learningRate);
      }
    }
    // Every check passed, so the step will happen: carry the bounds over it.
    if (this.backups === undefined) for (let i = 0; i < parameters.length; i++) valueBounds[i] += learningRate * gradientMaxima[i];
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
    for (const { path, parameter } of parameters) {
      const largest = this.kernels.maxAbs(parameter.value);
      if (Number.isFinite(largest)) continue;
      this.backups.forEach((backup, i) => parameters[i].parameter.value.data.set(backup));
      throw new DivergenceError(iteration, `the update of ${path}`, largest, learningRate); // the value the step made
    }
  }
}
