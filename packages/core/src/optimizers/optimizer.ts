import type { Kernels } from '../kernels/kernels.js';
import type { Parameter } from '../contract/parameter.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/**
 * What an optimizer carries between steps, as plain JSON: its kind, options, step count and, per slot (e.g.
 * `velocity`, or Adam's `firstMoment` and `secondMoment`), one flat array of values per parameter, in the
 * network's parameter order.
 */
export interface OptimizerState {
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly step: number;
  readonly slots: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/**
 * Applies one update to parameters from the gradients left in them by backpropagation.
 *
 * The trainer's divergence guard keeps every step finite in one of two ways, chosen by what the optimizer declares:
 * an optimizer with {@link Optimizer.updateBound} has each step checked before it is taken (nothing is copied and
 * nothing is ever undone); any other has the parameters copied before each step and checked after it, and a step
 * that left a NaN or Infinity is undone ({@link Optimizer.undo}, or `saveState`/`loadState`).
 */
export interface Optimizer {
  readonly kind: string;
  /** Updates every parameter's value from its `grad`, given the learning rate η. */
  step(parameters: readonly Parameter[], learningRate: number, kernels: Kernels): void;
  /**
   * Optional: declares that a step moves no value of a parameter by more than the returned amount, given only
   * that parameter's max|∂J/∂w| and η: |Δw_i| ≤ updateBound(max|∂J/∂w|, η) for every element i, whatever the
   * optimizer's state. Plain gradient descent declares it (Δw = −η ∂J/∂w, so the bound is η · max|∂J/∂w|); an
   * optimizer whose step depends on its own state (momentum's velocity, Adam's moments) must not.
   *
   * With it, the divergence guard checks the update before the step: for B an upper bound of max|w| (carried from
   * step to step as B + updateBound), B + updateBound(max|∂J/∂w|, η) must stay within the largest finite value of
   * the parameter's storage, else the step is refused before it is taken. It then keeps no copy of the parameters
   * and never calls {@link Optimizer.undo} or `saveState` around a step, so `step` must not throw once the guard
   * has let it run.
   */
  updateBound?(maxAbsGradient: number, learningRate: number): number;
  /**
   * Optional: undoes the last call to {@link Optimizer.step} in the optimizer itself: afterwards its state (slots,
   * step count, anything `step` changed) is bit for bit what it was before that step, so `saveState()` gives what
   * it gave then and the next step is the one an optimizer that never took the undone one would take. It does not
   * touch the parameters: whoever undoes the step puts their values back.
   *
   * The trainer's divergence guard calls it at most once after a step, when it refuses that step's result: after
   * `step` returned, or after `step` threw (so record what undoing needs before changing anything). An optimizer
   * without `undo` is undone through `saveState()` before every step and `loadState` on a refusal, which costs a
   * copy of its whole state per step; `undo` can be nearly free (e.g. `UndoableSlotBuffers` keeps two sets
   * of slots and swaps them). The conformance kit checks that an undone step leaves no trace.
   */
  undo?(): void;
  /** A copy of the state, to save with a model or checkpoint. */
  saveState(): OptimizerState;
  /**
   * Restores a saved state for these parameters.
   * @throws Error if the state's kind, slots or sizes do not fit, before anything changes.
   */
  loadState(state: OptimizerState, parameters: readonly Parameter[]): void;
}

/** An optimizer in a training spec: `{ kind: 'adam', beta1: 0.9 }`. */
export interface OptimizerSpec {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** An optimizer kind, bound under {@link OPTIMIZER_REGISTRATION} (see `optimizerModule`). */
export interface OptimizerRegistration<Config extends { readonly kind: string } = OptimizerSpec> {
  readonly kind: string;
  readonly module?: string;
  /**
   * Typical configs, which the conformance kit (`checkOptimizerConformance`) checks when given no others (default:
   * `{ kind }` alone). Give configs that describe different optimizers, so the kit can check that each refuses the
   * others' saved states.
   */
  readonly examples?: readonly Config[];
  /** Validates `config` and creates a fresh optimizer. */
  create(config: Config): Optimizer;
}

/** Multi-binding: every optimizer kind's {@link OptimizerRegistration}. */
export const OPTIMIZER_REGISTRATION: ServiceToken<OptimizerRegistration> = Symbol.for(
  '@bpnet/core/OptimizerRegistration',
);
