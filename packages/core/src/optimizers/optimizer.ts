import type { Kernels } from '../kernels/kernels.js';
import type { Parameter } from '../contract/parameter.js';

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

/** Applies one update to parameters from the gradients left in them by backpropagation. */
export interface Optimizer {
  readonly kind: string;
  /** Updates every parameter's value from its `grad`, given the learning rate η. */
  step(parameters: readonly Parameter[], learningRate: number, kernels: Kernels): void;
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
