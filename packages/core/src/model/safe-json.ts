/** Keys rejected anywhere in a loaded file: they mean nothing to bpnet and can pollute prototypes downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse for untrusted text: rejects text longer than `maxLength`, text that is not JSON (a truncated file,
 * say), and objects with a `__proto__`, `constructor` or `prototype` key.
 * @param what - the source, for messages, e.g. `'Model file model.json'`.
 * @throws Error saying which of these went wrong.
 */
export function parseUntrustedJson(text: string, what: string, maxLength: number): unknown {
  if (typeof text !== 'string') throw new Error(`${what}: expected JSON text, got ${typeof text}`);
  if (text.length > maxLength) throw new Error(`${what}: ${text.length} characters is over the limit of ${maxLength}`);
  try {
    return JSON.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw new Error(`${what}: the key '${error.key}' is not allowed`);
    const reason = error instanceof RangeError ? 'nested too deeply' : `not valid JSON (truncated or damaged?): ${(error as Error).message}`;
    throw new Error(`${what}: ${reason}`);
  }
}

/** Checks an already-parsed value for forbidden keys (objects built in code, not parsed from text). */
export function expectNoForbiddenKeys(value: unknown, what: string, depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > 64) throw new Error(`${what}: nested too deeply`);
  for (const key of Object.getOwnPropertyNames(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`${what}: the key '${key}' is not allowed`);
    expectNoForbiddenKeys((value as Record<string, unknown>)[key], what, depth + 1);
  }
}

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}
