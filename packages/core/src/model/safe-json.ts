import { type JsonBounds, FORBIDDEN_KEYS, parseBoundedJson } from './bounded-json.js';
import { MAX_JSON_DEPTH } from './model-limits.js';

/**
 * The bounds {@link parseUntrustedJson} applies unless given others: 2^26 (67,108,864) values in all, half V8's
 * largest array, so that no text can make JSON.parse's arrays exceed what V8 can allocate (which aborts the process).
 */
export const UNTRUSTED_JSON_BOUNDS: JsonBounds = { maxStructureValues: 2 ** 26, maxTypedValues: 0 };

/**
 * JSON.parse for untrusted text: rejects text longer than `maxLength`, text that is not JSON (a truncated file,
 * say), objects with a `__proto__`, `constructor` or `prototype` key, nesting deeper than 64 levels and more values
 * than `bounds` allow, each before allocating past it (see {@link parseBoundedJson}).
 * @param what - the source, for messages, e.g. `'Model file model.json'`.
 * @throws Error saying which of these went wrong.
 */
export function parseUntrustedJson(
  text: string,
  what: string,
  maxLength: number,
  bounds: JsonBounds = UNTRUSTED_JSON_BOUNDS,
): unknown {
  if (typeof text !== 'string') throw new Error(`${what}: expected JSON text, got ${typeof text}`);
  if (text.length > maxLength) throw new Error(`${what}: ${text.length} characters is over the limit of ${maxLength}`);
  return parseBoundedJson([text], what, bounds);
}

/** Checks an already-parsed value for forbidden keys (objects built in code, not parsed from text). */
export function expectNoForbiddenKeys(value: unknown, what: string, depth = 0): void {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return;
  if (depth > MAX_JSON_DEPTH) throw new Error(`${what}: nested too deeply`);
  for (const key of Object.getOwnPropertyNames(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`${what}: the key '${key}' is not allowed`);
    expectNoForbiddenKeys((value as Record<string, unknown>)[key], what, depth + 1);
  }
}
