import { FLOAT32_MAX } from '../network/batch-data.js';
import { DivergenceError } from './divergence-error.js';
import type { ForwardFinding } from './divergence-origin.js';
import type { NamedParameter } from '../network/network.js';
import type { Kernels } from '../kernels/kernels.js';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer.js';
import type { Parameter } from '../contract/parameter.js';

/**
 * Keeps every step finite. Before a step: the loss and every gradient must be finite and, for an optimizer that
 * declares `updateBound` (plain gradient descent: η · max|∂J/∂w|), the update must not overflow:
 * B + updateBound(max|∂J/∂w|, η) must stay within the largest finite value of the parameter's storage (float64 or
 * float32) for an upper bound B of max|w|. The bound is carried from step to step (|w + Δw| ≤ max|w| + max|Δw|),
 * so the values themselves are read only at the first step and whenever the bound stops being finite; the gradients
 * are read once per step. Such an optimizer therefore never has a step to undo, and costs nothing more.
 *
 * Other optimizers declare no bound (their updates depend on their own state), so for them the parameters are
 * copied before the step (into buffers kept between steps) and checked after it; on a non-finite value, or when
 * the step throws, the step is undone: the copy is put back and the optimizer is undone too, by its `undo()` or,
 * for an optimizer without one, by loading the state it saved before the step (`saveState()` every step, the price
 * of not having `undo`).
 *
 * Either way a DivergenceError names the iteration, the layer and the quantity, and the parameters and the
 * optimizer keep their state from before the step.
 */
export class DivergenceGuard {
  /** The optimizer's declared bound of max|Δw| from max|∂J/∂w| and η, if any (then nothing is copied). */
  private readonly updateBound: ((maxAbsGradient: number, learningRate: number) => number) | undefined;
  /** Without `updateBound`: the parameters' values before the current step. */
  private readonly backups: Float64Array[] | undefined;
  private readonly flat: readonly Parameter[];
  /** For an optimizer with `updateBound`: an upper bound of max|w| per parameter (NaN until first read). */
  private readonly valueBounds: number[];
  /** For an optimizer with `updateBound`: its bound of max|Δw| per parameter at the current step. */
  private readonly updateBounds: number[];
  /** The largest finite value each parameter's storage holds (float64 or float32). */
  private readonly limits: number[];
  /** For an optimizer without `undo`: its state saved before the current step. */
  private savedState: OptimizerState | undefined;

  /**
   * @param locate - reruns the step's forward pass and reports where it first went non-finite (see
   *   `findFirstNonFiniteOutput`); called only when the loss or a gradient is not finite, to name the layer.
   */
  constructor(
    private readonly parameters: readonly NamedParameter[],
    private readonly learningRate: number,
    private readonly optimizer: Optimizer,
    private readonly kernels: Kernels,
    private readonly locate?: () => ForwardFinding,
  ) {
    this.flat = parameters.map(({ parameter }) => parameter);
    this.updateBound = optimizer.updateBound?.bind(optimizer);
    this.backups =
      this.updateBound !== undefined
        ? undefined
        : parameters.map(({ parameter }) => new Float64Array(parameter.value.data.length));
    this.valueBounds = parameters.map(() => NaN);
    this.updateBounds = parameters.map(() => 0);
    this.limits = parameters.map(({ parameter }) =>
      parameter.value.data instanceof Float32Array ? FLOAT32_MAX : Number.MAX_VALUE,
    );
  }

  /**
   * Checks iteration `iteration`'s (1-based) loss and gradients before its step and, when the optimizer's update
   * has to be checked after it, keeps what undoing the step needs (a copy of the parameters; the optimizer's saved
   * state when it has no `undo`).
   * @throws DivergenceError before anything changes.
   */
  beforeStep(iteration: number, loss: number): void {
    const { parameters, learningRate } = this;
    if (!Number.isFinite(loss)) throw this.nonFinite(iteration, 'the loss', loss);
    const { valueBounds, updateBounds, limits, updateBound } = this;
    for (let i = 0; i < parameters.length; i++) {
      const { path, parameter } = parameters[i];
      const gradient = this.kernels.maxAbs(parameter.grad);
      if (!Number.isFinite(gradient)) throw this.nonFinite(iteration, `the gradient of ${path}`, gradient);
      if (updateBound === undefined) continue;
      const update = (updateBounds[i] = updateBound(gradient, learningRate));
      if (!(valueBounds[i] + update <= limits[i])) {
        valueBounds[i] = this.kernels.maxAbs(parameter.value);
        if (!(valueBounds[i] + update <= limits[i])) {
          throw new DivergenceError(iteration, `the update of ${path}`, Infinity, learningRate);
        }
      }
    }
    // Every check passed, so the step will happen: carry the bounds over it.
    if (this.backups === undefined) {
      for (let i = 0; i < parameters.length; i++) valueBounds[i] += updateBounds[i];
      return;
    }
    for (let i = 0; i < this.backups.length; i++) this.backups[i].set(parameters[i].parameter.value.data);
    if (this.optimizer.undo === undefined) this.savedState = this.optimizer.saveState();
  }

  /**
   * Checks the parameters after an optimizer without `updateBound` has stepped; undoes the step (see
   * {@link undoStep}) if it left a NaN or Infinity.
   * @throws DivergenceError naming the first damaged parameter.
   */
  afterStep(iteration: number): void {
    const { parameters, learningRate } = this;
    if (this.backups === undefined) return;
    for (const { path, parameter } of parameters) {
      const largest = this.kernels.maxAbs(parameter.value);
      if (Number.isFinite(largest)) continue;
      this.undoStep();
      throw new DivergenceError(iteration, `the update of ${path}`, largest, learningRate); // the value the step made
    }
  }

  /**
   * Undoes the step since {@link beforeStep} (refused, or thrown by the optimizer): puts the parameters' copy back
   * and the optimizer's state, by its `undo()` or by loading the state saved before the step. An optimizer with
   * `updateBound` is checked before its step and has nothing kept to put back.
   */
  undoStep(): void {
    const { backups, optimizer } = this;
    if (backups === undefined) return;
    for (let i = 0; i < backups.length; i++) this.flat[i].value.data.set(backups[i]);
    if (optimizer.undo !== undefined) optimizer.undo();
    else if (this.savedState !== undefined) optimizer.loadState(this.savedState, this.flat);
  }

  /** The error for a non-finite loss or gradient, naming the first layer whose output went non-finite when one did. */
  private nonFinite(iteration: number, quantity: string, value: number): DivergenceError {
    let finding: ForwardFinding | undefined;
    try {
      finding = this.locate?.();
    } catch {
      // A forward pass that throws when rerun names nothing more: report what the step showed.
    }
    if (finding === undefined) return new DivergenceError(iteration, quantity, value, this.learningRate);
    const { path, kind, largest, loss } = finding;
    if (!Number.isFinite(largest)) {
      return new DivergenceError(
        iteration,
        `the output of ${path} (${kind})`,
        largest,
        this.learningRate,
        `${quantity} is ${value}`,
      );
    }
    // A backward pass made it
    if (quantity !== 'the loss') return new DivergenceError(iteration, quantity, value, this.learningRate);
    const seen =
      `every layer's output is finite (the output of ${path} (${kind}), which ` +
      `the ${loss} loss takes, reaches ${largest} in magnitude)`;
    return new DivergenceError(iteration, quantity, value, this.learningRate, seen);
  }
}
