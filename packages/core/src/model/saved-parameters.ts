import type { Matrix } from '../kernels/matrix.js';
import { describeValue } from '../validation/describe-value.js';
import type { NamedParameter, NamedState } from '../contract/layer-tree.js';
import { expectObject } from '../validation/validate.js';
import { brief } from '../validation/brief.js';
import type { SavedParameter } from './model-file.js';

/** A matrix with its path: a parameter's or a state buffer's value. */
export interface PathValue {
  readonly path: string;
  readonly value: Matrix;
}

/** Each parameter's path, shape and values, in order. */
export function saveParameters(parameters: readonly NamedParameter[]): SavedParameter[] {
  return saveValues(parameters.map(({ path, parameter }) => ({ path, value: parameter.value })));
}

/** Each state buffer's path, shape and values, in order. */
export function saveState(state: readonly NamedState[]): SavedParameter[] {
  return saveValues(state.map(({ path, state: buffer }) => ({ path, value: buffer.value })));
}

/** Each matrix's path, shape and values, in order. */
export function saveValues(entries: readonly PathValue[]): SavedParameter[] {
  return entries.map(({ path, value }) => ({
    path,
    rows: value.rows,
    cols: value.cols,
    values: Array.from(value.data),
  }));
}

/**
 * Copies saved values into `parameters` after checking all of them first: the same paths in the same order, the
 * same shapes, finite numbers. Nothing is copied unless everything fits.
 * @throws Error naming the first missing, extra or mismatched parameter.
 */
export function restoreParameters(parameters: readonly NamedParameter[], saved: unknown, where: string): void {
  const entries = parameters.map(({ path, parameter }) => ({ path, value: parameter.value }));
  commitValues(entries, checkSavedValues(entries, saved, where, 'parameter'));
}

/**
 * Checks saved values against `entries` (same paths in the same order, same shapes, finite numbers; `values` an
 * array or, as the model file parser reads it, a Float64Array) and returns
 * them as copies, without changing anything. Each saved value is read once, into the copy that is checked, so what
 * is later committed is what was checked even when `saved` is an object with getters or a Proxy.
 * @param noun - what the entries are, for messages: `'parameter'` or `'state'`.
 * @throws Error naming the first missing, extra or mismatched entry.
 */
export function checkSavedValues(
  entries: readonly PathValue[],
  saved: unknown,
  where: string,
  noun: string,
): Float64Array[] {
  const plural = noun === 'state' ? 'state buffers' : `${noun}s`;
  const field = noun === 'state' ? 'state' : plural;
  if (!Array.isArray(saved)) throw new Error(`${where}: ${field} must be an array, got ${describeValue(saved)}`);
  const checked = entries.map(({ path, value }, index) => {
    if (index >= saved.length)
      throw new Error(
        `${where}: ${noun} ${path} is missing (the file has ${saved.length} ${plural}, the network ${entries.length})`,
      );
    const entry = expectObject(saved[index], `${where}: ${field}[${index}]`);
    if (entry.path !== path) throw new Error(`${where}: ${field}[${index}] is ${brief(entry.path)}, expected ${path}`);
    if (entry.rows !== value.rows || entry.cols !== value.cols) {
      throw new Error(`${where}: ${path} is ${brief(entry.rows)}×${brief(entry.cols)}, expected ${value.shape}`);
    }
    const values = entry.values;
    if (!(Array.isArray(values) || values instanceof Float64Array) || values.length !== value.data.length) {
      const got = values instanceof Float64Array ? `an array of length ${values.length}` : describeValue(values);
      throw new Error(`${where}: ${path} must hold ${value.data.length} values, got ${got}`);
    }
    const copy = new Float64Array(value.data.length);
    for (let i = 0; i < copy.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(`${where}: ${path} value ${i} is ${describeValue(v)}; expected a finite number`);
      copy[i] = v;
    }
    return copy;
  });
  if (saved.length > entries.length) {
    throw new Error(
      `${where}: the file has ${saved.length} ${plural}, the network ` +
        `${entries.length} (extra: ${brief(saved[entries.length]?.path)})`,
    );
  }
  return checked;
}

/** Writes values checked by {@link checkSavedValues} into their matrices. */
export function commitValues(entries: readonly PathValue[], values: readonly Float64Array[]): void {
  entries.forEach(({ value }, index) => value.data.set(values[index]));
}
