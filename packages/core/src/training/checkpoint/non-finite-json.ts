/** How a number that JSON cannot hold (±Infinity, NaN) is written in a checkpoint: as one of these strings. */
export type EncodedNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/**
 * `value` as JSON can hold it: a finite number as itself, `Infinity`, `-Infinity` and `NaN` as the strings
 * `"Infinity"`, `"-Infinity"` and `"NaN"` (plain `JSON.stringify` would write `null` and lose them).
 */
export function encodeNumber(value: number): EncodedNumber {
  return Number.isFinite(value) ? value : (String(value) as EncodedNumber);
}

/**
 * The number {@link encodeNumber} wrote: a finite number, or one of the strings `"Infinity"`, `"-Infinity"`, `"NaN"`.
 * @param where - names the field in the message, e.g. `"resume: the checkpoint's history.validationLoss[3]"`.
 * @throws Error for anything else (null, other strings, objects).
 */
export function decodeNumber(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === 'NaN') return NaN;
  throw new Error(`${where} must be a finite number or one of "Infinity", "-Infinity", "NaN", got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
