import { describeValue } from '../matrix.js';
import type { NamedParameter } from '../network.js';
import { expectObject } from '../validate.js';
import type { SavedParameter } from './model-file.js';

/** Each parameter's path, shape and values, in order. */
export function saveParameters(parameters: readonly NamedParameter[]): SavedParameter[] {
  return parameters.map(({ path, parameter: { value } }) => ({ path, rows: value.rows, cols: value.cols, values: Array.from(value.data) }));
}

/**
 * Copies saved values into `parameters` after checking all of them first: the same paths in the same order, the
 * same shapes, finite numbers. Nothing is copied unless everything fits.
 * @throws Error naming the first missing, extra or mismatched parameter.
 */
export function restoreParameters(parameters: readonly NamedParameter[], saved: unknown, where: string): void {
  if (!Array.isArray(saved)) throw new Error(`${where}: parameters must be an array, got ${describeValue(saved)}`);
  parameters.forEach(({ path, parameter: { value } }, index) => {
    if (index >= saved.length) throw new Error(`${where}: parameter ${path} is missing (the file has ${saved.length} parameters, the network ${parameters.length})`);
    const entry = expectObject(saved[index], `${where}: parameters[${index}]`);
    if (entry.path !== path) throw new Error(`${where}: parameters[${index}] is ${JSON.stringify(entry.path)}, expected ${path}`);
    if (entry.rows !== value.rows || entry.cols !== value.cols) {
      throw new Error(`${where}: ${path} is ${String(entry.rows)}×${String(entry.cols)}, expected ${value.shape}`);
    }
    const values = entry.values;
    if (!Array.isArray(values) || values.length !== value.data.length) {
      throw new Error(`${where}: ${path} must hold ${value.data.length} values, got ${describeValue(values)}`);
    }
    const bad = values.findIndex((v: unknown) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${where}: ${path} value ${bad} is ${describeValue(values[bad])}; expected a finite number`);
  });
  if (saved.length > parameters.length) {
    throw new Error(`${where}: the file has ${saved.length} parameters, the network ${parameters.length} (extra: ${JSON.stringify(saved[parameters.length]?.path)})`);
  }
  parameters.forEach(({ parameter }, index) => parameter.value.data.set(saved[index].values));
}
