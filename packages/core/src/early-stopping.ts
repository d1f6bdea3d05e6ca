import type { FloatArray, Matrix } from './matrix.js';
import { expectFiniteNumber, expectPositiveInteger } from './validate.js';

/** Options of early stopping: stop after `patience` epochs without a validation loss below the best − `minDelta`. */
export interface EarlyStoppingOptions {
  readonly patience: number;
  /** The improvement that counts; default 0. */
  readonly minDelta?: number;
}

/** Early stopping's saved state; `best` is null before the first epoch. */
export interface EarlyStoppingState {
  readonly best: number | null;
  readonly bestEpoch: number;
  readonly epochsWithoutImprovement: number;
  readonly bestValues: readonly (readonly number[])[];
}

/** What early stopping keeps a copy of: the network's parameters and state buffers (anything with a `value`). */
export type KeptValues = readonly { readonly value: Matrix }[];

/** What early stopping keeps of `network`: every parameter, then every state buffer. */
export function keptValues(network: { parameters(): KeptValues; state(): KeptValues }): KeptValues {
  return [...network.parameters(), ...network.state()];
}

/**
 * Watches the validation loss once per epoch, keeps a copy of the parameters and state at the best loss, and says
 * when `patience` epochs have passed without an improvement larger than `minDelta`.
 */
export class EarlyStopping {
  private readonly patience: number;
  private readonly minDelta: number;
  private best = Infinity;
  private bestValues: FloatArray[] = [];
  private epochsWithoutImprovement = 0;
  /** The epoch (0-based) whose parameters are kept. */
  bestEpoch = -1;

  /** @throws Error if `patience` is not a positive integer or `minDelta` is negative or not finite. */
  constructor(options: EarlyStoppingOptions) {
    this.patience = expectPositiveInteger(options.patience, 'train: earlyStopping.patience');
    this.minDelta = expectFiniteNumber(options.minDelta ?? 0, 'train: earlyStopping.minDelta');
    if (this.minDelta < 0) throw new Error(`train: earlyStopping.minDelta must be ≥ 0, got ${this.minDelta}`);
  }

  /** Records epoch `epoch`'s validation loss; returns true when training should stop. */
  observe(epoch: number, validationLoss: number, parameters: KeptValues): boolean {
    if (validationLoss < this.best - this.minDelta) {
      this.best = validationLoss;
      this.bestEpoch = epoch;
      this.bestValues = parameters.map((parameter) => parameter.value.data.slice());
      this.epochsWithoutImprovement = 0;
      return false;
    }
    this.epochsWithoutImprovement++;
    return this.epochsWithoutImprovement >= this.patience;
  }

  /** The watcher's state as plain JSON, for checkpoints. */
  saveState(): EarlyStoppingState {
    return {
      best: Number.isFinite(this.best) ? this.best : null,
      bestEpoch: this.bestEpoch,
      epochsWithoutImprovement: this.epochsWithoutImprovement,
      bestValues: this.bestValues.map((values) => Array.from(values)),
    };
  }

  /** Continues from a saved state. @throws Error if it does not fit the parameters. */
  loadState(state: EarlyStoppingState, parameters: KeptValues): void {
    const fits =
      (state.best === null || Number.isFinite(state.best)) &&
      Number.isInteger(state.bestEpoch) &&
      Number.isInteger(state.epochsWithoutImprovement) &&
      Array.isArray(state.bestValues) &&
      (state.bestValues.length === 0 || (state.bestValues.length === parameters.length && state.bestValues.every((v, i) => Array.isArray(v) && v.length === parameters[i].value.data.length && v.every(Number.isFinite))));
    if (!fits) throw new Error('early stopping state: does not fit this network');
    this.best = state.best ?? Infinity;
    this.bestEpoch = state.bestEpoch;
    this.epochsWithoutImprovement = state.epochsWithoutImprovement;
    this.bestValues = state.bestValues.map((values) => Float64Array.from(values));
  }

  /** Puts the best parameters (and state) back. */
  restoreBest(parameters: KeptValues): void {
    if (this.bestValues.length === parameters.length) parameters.forEach((parameter, i) => parameter.value.data.set(this.bestValues[i]));
  }
}
