import type { Parameter } from '../contract/parameter.js';

/**
 * Per-parameter buffers of an optimizer (e.g. momentum's velocity), one Float64Array per parameter, whose last
 * step can be undone exactly and at no cost per step: they are kept twice, and a step reads the current values
 * from one set and writes the new ones into the other ({@link UndoableSlotBuffers.advance}), so the values from
 * before it are still there for {@link UndoableSlotBuffers.undo}. The price is memory: two buffers per parameter,
 * which is what keeping a copy for undoing would take anyway, without the copying.
 */
export class UndoableSlotBuffers {
  /** The current values, one buffer per parameter (zero until the first step). */
  private current: Float64Array[] = [];
  /** The other set: what the next step writes into (its contents are stale). */
  private spare: Float64Array[] = [];
  /** The values from before the last step begun by {@link advance}; undefined when there is nothing to undo. */
  private previous: Float64Array[] | undefined;

  /**
   * Begins a step: returns the current values (read them) and makes {@link values} return the buffers the step
   * writes the new values into; the step must write every element of them (they hold stale values). Buffers are
   * created (zero) when missing or when the parameters changed size; that happens before anything changes, so a
   * failed allocation leaves the buffers as they were.
   */
  advance(parameters: readonly Parameter[]): readonly Float64Array[] {
    this.previous = undefined; // until this step has changed something
    const previous = this.current;
    const before = fits(previous, parameters) ? previous : parameters.map((p) => new Float64Array(p.value.data.length));
    const after = fits(this.spare, parameters)
      ? this.spare
      : parameters.map((p) => new Float64Array(p.value.data.length));
    this.current = after;
    this.spare = before;
    this.previous = previous;
    return before;
  }

  /** The current values: after {@link advance}, the buffers the step writes into. */
  values(): readonly Float64Array[] {
    return this.current;
  }

  /**
   * Puts back the values from before the last {@link advance}, bit for bit. Returns whether there was a step to
   * undo (false after an undo, a load, or before any step).
   */
  undo(): boolean {
    if (this.previous === undefined) return false;
    this.spare = this.current;
    this.current = this.previous;
    this.previous = undefined;
    return true;
  }

  /** The current values as plain arrays, for saving. */
  save(): number[][] {
    return this.current.map((buffer) => Array.from(buffer));
  }

  /** Replaces the current values with checked saved values; the step before them can no longer be undone. */
  load(values: readonly (readonly number[] | Float64Array)[]): void {
    this.current = values.map((v) => Float64Array.from(v));
    this.spare = [];
    this.previous = undefined;
  }
}

/** Whether `buffers` hold one buffer of each parameter's size. */
function fits(buffers: readonly Float64Array[], parameters: readonly Parameter[]): boolean {
  if (buffers.length !== parameters.length) return false;
  for (let i = 0; i < buffers.length; i++) if (buffers[i].length !== parameters[i].value.data.length) return false;
  return true;
}
