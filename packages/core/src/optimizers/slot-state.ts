import type { Parameter } from '../parameter.js';
import { expectObject } from '../validate.js';
import type { OptimizerState } from './optimizer.js';

/**
 * Per-parameter buffers of an optimizer (e.g. momentum's velocity), one Float64Array per parameter, created on
 * the first step with each parameter's size.
 */
export class SlotBuffers {
  private buffers: Float64Array[] = [];

  /** The buffers for `parameters`, created (zero) when missing or when the parameters changed size. */
  for(parameters: readonly Parameter[]): Float64Array[] {
    if (this.buffers.length !== parameters.length || this.buffers.some((b, i) => b.length !== parameters[i].value.data.length)) {
      this.buffers = parameters.map((p) => new Float64Array(p.value.data.length));
    }
    return this.buffers;
  }

  /** The buffers as plain arrays, for saving. */
  save(): number[][] {
    return this.buffers.map((buffer) => Array.from(buffer));
  }

  /** Replaces the buffers with checked saved values. */
  load(values: readonly (readonly number[])[]): void {
    this.buffers = values.map((v) => Float64Array.from(v));
  }
}

/**
 * Checks a saved optimizer state against this optimizer's kind and slot names and the parameters' sizes.
 * @throws Error naming the first mismatch.
 */
export function expectOptimizerState(state: unknown, kind: string, slotNames: readonly string[], parameters: readonly Parameter[]): OptimizerState {
  const checked = expectObject(state, `${kind} optimizer state`);
  if (checked.kind !== kind) throw new Error(`${kind} optimizer state: kind is ${JSON.stringify(checked.kind)}, expected '${kind}'`);
  if (typeof checked.step !== 'number' || !Number.isSafeInteger(checked.step) || checked.step < 0) {
    throw new Error(`${kind} optimizer state: step must be a non-negative integer, got ${JSON.stringify(checked.step)}`);
  }
  const slots = expectObject(checked.slots, `${kind} optimizer state: slots`);
  const names = Object.keys(slots).sort();
  if (names.join() !== [...slotNames].sort().join()) {
    throw new Error(`${kind} optimizer state: slots are [${names.join(', ')}], expected [${slotNames.join(', ')}]`);
  }
  for (const name of slotNames) {
    const values = slots[name];
    if (!Array.isArray(values) || values.length !== parameters.length) {
      throw new Error(`${kind} optimizer state: slot '${name}' must hold one array per parameter (${parameters.length})`);
    }
    values.forEach((v: unknown, i: number) => {
      const expected = parameters[i].value.data.length;
      if (!Array.isArray(v) || v.length !== expected || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new Error(`${kind} optimizer state: slot '${name}' of parameter ${i} (${parameters[i].name}) must be ${expected} finite numbers`);
      }
    });
  }
  return checked as unknown as OptimizerState;
}
