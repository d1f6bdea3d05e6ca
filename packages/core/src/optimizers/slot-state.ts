import type { Parameter } from '../contract/parameter.js';
import { describeValue } from '../validation/describe-value.js';
import { expectObject } from '../validation/validate.js';
import type { OptimizerState } from './optimizer.js';
import { brief } from '../validation/brief.js';

/**
 * Per-parameter buffers of an optimizer (e.g. momentum's velocity), one Float64Array per parameter, created on
 * the first step with each parameter's size.
 */
export class SlotBuffers {
  private buffers: Float64Array[] = [];

  /** The buffers for `parameters`, created (zero) when missing or when the parameters changed size. */
  for(parameters: readonly Parameter[]): Float64Array[] {
    if (
      this.buffers.length !== parameters.length ||
      this.buffers.some((b, i) => b.length !== parameters[i].value.data.length)
    ) {
      this.buffers = parameters.map((p) => new Float64Array(p.value.data.length));
    }
    return this.buffers;
  }

  /** The buffers as plain arrays, for saving. */
  save(): number[][] {
    return this.buffers.map((buffer) => Array.from(buffer));
  }

  /** Replaces the buffers with checked saved values (arrays, or Float64Arrays as a checkpoint file is read into). */
  load(values: readonly (readonly number[] | Float64Array)[]): void {
    this.buffers = values.map((v) => Float64Array.from(v));
  }
}

/** An optimizer's options as saved in {@link OptimizerState.config}: plain numbers, strings and booleans. */
export type OptimizerConfig = Readonly<Record<string, number | string | boolean>>;

/**
 * Checks a saved optimizer state against this optimizer's kind and slot names and the parameters' sizes and,
 * when `config` is given, against this optimizer's options: the saved `config` must have exactly the same keys,
 * each with the same value (`Object.is`), so that a state is never continued under other hyperparameters.
 * It only reads `state`; call it before changing anything, so that a refused state leaves the optimizer as it was.
 * @param config - the options this optimizer saves in `saveState().config` (`{}` for an optimizer without options);
 *   omit it to skip the comparison.
 * @throws Error naming the first mismatch, e.g. `"adam optimizer state: saved with beta1 0.8, this optimizer has
 *   beta1 0.9; load it into an optimizer configured the same way"`.
 */
export function expectOptimizerState(
  state: unknown,
  kind: string,
  slotNames: readonly string[],
  parameters: readonly Parameter[],
  config?: OptimizerConfig,
): OptimizerState {
  const checked = expectObject(state, `${kind} optimizer state`);
  if (checked.kind !== kind)
    throw new Error(`${kind} optimizer state: kind is ${brief(checked.kind)}, expected '${kind}'`);
  if (typeof checked.step !== 'number' || !Number.isSafeInteger(checked.step) || checked.step < 0) {
    throw new Error(`${kind} optimizer state: step must be a non-negative integer, got ${brief(checked.step)}`);
  }
  const slots = expectObject(checked.slots, `${kind} optimizer state: slots`);
  const names = Object.keys(slots).sort();
  if (names.join() !== [...slotNames].sort().join()) {
    throw new Error(`${kind} optimizer state: slots are [${names.join(', ')}], expected [${slotNames.join(', ')}]`);
  }
  for (const name of slotNames) {
    const values = slots[name];
    if (!Array.isArray(values) || values.length !== parameters.length) {
      throw new Error(
        `${kind} optimizer state: slot '${name}' must hold one array per parameter (${parameters.length})`,
      );
    }
    values.forEach((v: unknown, i: number) => {
      const expected = parameters[i].value.data.length;
      if (
        !isNumberList(v) ||
        v.length !== expected ||
        !v.every((x: unknown) => typeof x === 'number' && Number.isFinite(x))
      ) {
        throw new Error(
          `${kind} optimizer state: slot '${name}' of parameter ${i} ` +
            `(${parameters[i].name}) must be ${expected} finite numbers`,
        );
      }
    });
  }
  if (config !== undefined)
    expectSameConfig(expectObject(checked.config, `${kind} optimizer state: config`), config, kind);
  return checked as unknown as OptimizerState;
}

/** @throws Error naming the first key (this optimizer's keys first, then extra saved ones) whose values differ. */
function expectSameConfig(saved: Record<string, unknown>, config: OptimizerConfig, kind: string): void {
  const has = (object: object, key: string) => Object.hasOwn(object, key);
  const keys = [...Object.keys(config), ...Object.keys(saved).filter((key) => !has(config, key))];
  for (const key of keys) {
    if (has(saved, key) && has(config, key) && Object.is(saved[key], config[key])) continue;
    const before = has(saved, key) ? `saved with ${key} ${formatOption(saved[key])}` : `saved without ${key}`;
    const now = has(config, key)
      ? `this optimizer has ${key} ${formatOption(config[key])}`
      : `this optimizer has no ${key}`;
    throw new Error(`${kind} optimizer state: ${before}, ${now}; load it into an optimizer configured the same way`);
  }
}

/** An option value for a message: numbers (−0 included) and booleans as written, strings quoted. */
function formatOption(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  return describeValue(value);
}

/** An array, or a Float64Array (how `loadCheckpointFile` reads long lists of numbers). */
function isNumberList(value: unknown): value is readonly unknown[] | Float64Array {
  return Array.isArray(value) || value instanceof Float64Array;
}
