import { describeValue } from '../matrix.js';
import type { NamedParameter } from '../network.js';
import { expectObject } from '../validate.js';
import { brief } from './brief.js';
import type { SavedParameter } from './model-file.js';

/** Each parameter's path, shape and values, in order. */
export function saveParameters(parameters: readonly NamedParameter[]): SavedParameter[] {
  return parameters.map(({ path, parameter: { value } }) => ({ path, rows: value.rows, cols: value.cols, values: Array.from(value.data) }));
}

/**
 * Copies saved values into `parameters` after checking all of them first: the same paths in the same order, the
 * same shapes, finite numbers. Nothing is copied unless everything fits. Each saved value is read once, into the
 * copy that is checked and then restored, so what is restored is what was checked even when `saved` is an object
 * with getters or a Proxy.
 * @throws Error naming the first missing, extra or mismatched parameter.
 */
export function restoreParameters(parameters: readonly NamedParameter[], saved: unknown, where: string): void {
  if (!Array.isArray(saved)) throw new Error(`${where}: parameters must be an array, got ${describeValue(saved)}`);
  const checked = parameters.map(({ path, parameter: { value } }, index) => {
    if (index >= saved.length) throw new Error(`${where}: parameter ${path} is missing (the file has ${saved.length} parameters, the network ${parameters.length})`);
    const entry = expectObject(saved[index], `${where}: parameters[${index}]`);
    if (entry.path !== path) throw new Error(`${where}: parameters[${index}] is ${brief(entry.path)}, expected ${path}`);
    if (entry.rows !== value.rows || entry.cols !== value.cols) {
      throw new Error(`${where}: ${path} is ${brief(entry.rows)}×${brief(entry.cols)}, expected ${value.shape}`);
    }
    const values = entry.values;
    if (!Array.isArray(values) || values.length !== value.data.length) {
      throw new Error(`${where}: ${path} must hold ${value.data.length} values, got ${describeValue(values)}`);
    }
    const copy = new Float64Array(value.data.length);
    for (let i = 0; i < copy.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${where}: ${path} value ${i} is ${describeValue(v)}; expected a finite number`);
      copy[i] = v;
    }
    return copy;
  });
  if (saved.length > parameters.length) {
    throw new Error(`${where}: the file has ${saved.length} parameters, the network ${parameters.length} (extra: ${brief(saved[parameters.length]?.path)})`);
  }
  parameters.forEach(({ parameter }, index) => parameter.value.data.set(checked[index]));
}
