import type { FloatArray, Matrix } from '../kernels/matrix.js';
import { decodeNumber, type EncodedNumber, encodeNumber } from './checkpoint/non-finite-json.js';
import { expectFiniteNumber, expectObject, expectPositiveInteger } from '../validation/validate.js';

/** Options of early stopping: stop after `patience` epochs without a validation loss below the best − `minDelta`. */
export interface EarlyStoppingOptions {
  readonly patience: number;
  /** The improvement that counts; default 0. */
  readonly minDelta?: number;
}

/**
 * Checks early stopping's options: an object whose `patience` is a positive integer and whose `minDelta`, when
 * given, is a finite number ≥ 0. Returns them with `minDelta` filled in.
 * @throws Error `"train: earlyStopping must be an object, got …"`, or naming the option that is wrong.
 */
export function expectEarlyStoppingOptions(options: unknown): Required<EarlyStoppingOptions> {
  const checked = expectObject(options, 'train: earlyStopping');
  const patience = expectPositiveInteger(checked.patience, 'train: earlyStopping.patience');
  const minDelta = expectFiniteNumber(checked.minDelta ?? 0, 'train: earlyStopping.minDelta');
  if (minDelta < 0) throw new Error(`train: earlyStopping.minDelta must be ≥ 0, got ${minDelta}`);
  return { patience, minDelta };
}

/**
 * Early stopping's saved state. `best` is the best validation loss so far: a finite number, `"-Infinity"` (a loss
 * that fell to −∞), or null before any improvement (the initial +∞; checkpoints of version 2 wrote null for any
 * non-finite value).
 */
export interface EarlyStoppingState {
  readonly best: EncodedNumber | null;
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

  /** @throws Error as `expectEarlyStoppingOptions` does: `options` is not an object, or an option is wrong. */
  constructor(options: EarlyStoppingOptions) {
    ({ patience: this.patience, minDelta: this.minDelta } = expectEarlyStoppingOptions(options));
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

  /** The options in effect, `minDelta` filled in (a checkpoint records them; a resumed run must use the same). */
  get options(): Required<EarlyStoppingOptions> {
    return { patience: this.patience, minDelta: this.minDelta };
  }

  /** The watcher's state as plain JSON, for checkpoints. */
  saveState(): EarlyStoppingState {
    return {
      best: this.best === Infinity ? null : encodeNumber(this.best),
      bestEpoch: this.bestEpoch,
      epochsWithoutImprovement: this.epochsWithoutImprovement,
      bestValues: this.bestValues.map((values) => Array.from(values)),
    };
  }

  /** Continues from a saved state. @throws Error if it does not fit the parameters, changing nothing. */
  loadState(state: EarlyStoppingState, parameters: KeptValues): void {
    const best = state?.best === null ? Infinity : decodeNumber(state?.best, 'early stopping state: best');
    const fits =
      !Number.isNaN(best) &&
      Number.isInteger(state.bestEpoch) &&
      Number.isInteger(state.epochsWithoutImprovement) &&
      Array.isArray(state.bestValues) &&
      (state.bestValues.length === 0 ||
        (state.bestValues.length === parameters.length &&
          state.bestValues.every(
            (v: unknown, i) =>
              (Array.isArray(v) || v instanceof Float64Array) &&
              v.length === parameters[i].value.data.length &&
              v.every(Number.isFinite),
          )));
    if (!fits) throw new Error('early stopping state: does not fit this network');
    this.best = best;
    this.bestEpoch = state.bestEpoch;
    this.epochsWithoutImprovement = state.epochsWithoutImprovement;
    this.bestValues = state.bestValues.map((values) => Float64Array.from(values));
  }

  /** Puts the best parameters (and state) back. */
  restoreBest(parameters: KeptValues): void {
    if (this.bestValues.length === parameters.length)
      parameters.forEach((parameter, i) => parameter.value.data.set(this.bestValues[i]));
  }
}
