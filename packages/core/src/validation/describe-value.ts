import { escapeUnsafe } from './brief.js';

/** Longest piece of a string, number or key a description shows. */
const SHOWN = 40;

/**
 * A short description of a value for error messages: `the string "a"`, `null`, `an array of length 3`,
 * `an Int32Array of length 3`, `an object with keys ["a"]`. Bounded whatever the value: strings, big numbers and
 * keys are cut to 40 characters and at most 5 keys are listed; control characters are escaped.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return describeView(value);
  switch (typeof value) {
    case 'string':
      return `the string ${escapeUnsafe(JSON.stringify(value.length > SHOWN ? `${value.slice(0, SHOWN)}…` : value))}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'bigint': {
      const digits = String(value);
      return `bigint ${digits.length > SHOWN ? `${digits.slice(0, SHOWN)}… (${digits.length} digits)` : digits}`;
    }
    case 'undefined':
      return 'undefined';
    case 'object':
      return `an object with keys ${describeKeys(value as object)}`;
    default:
      return `a value of type ${typeof value}`;
  }
}

/** The first 5 own enumerable keys as a JSON array, each cut to 40 characters (`"…"` marks a cut key). */
function describeKeys(value: object): string {
  const keys: string[] = [];
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (keys.length === 5) break;
    keys.push(key.length > SHOWN ? `${key.slice(0, SHOWN)}…` : key);
  }
  return escapeUnsafe(JSON.stringify(keys));
}

/** A typed array or DataView: `an Int32Array of length 3`, `a DataView of 8 bytes`. */
function describeView(view: ArrayBufferView): string {
  const name = Object.prototype.toString.call(view).slice(8, -1).slice(0, SHOWN);
  const an = `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${escapeUnsafe(name)}`;
  return view instanceof DataView
    ? `${an} of ${view.byteLength} bytes`
    : `${an} of length ${(view as unknown as ArrayLike<unknown>).length}`;
}
