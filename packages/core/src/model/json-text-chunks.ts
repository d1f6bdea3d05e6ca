/** Arrays longer than this are written in slices of this many elements. */
const SLICE = 65_536;

/**
 * `JSON.stringify(value)` in pieces: the concatenation is the same text, but no piece holds more than one slice of
 * 65,536 elements of a long array, so a value whose text is longer than one string can hold (a checkpoint of a large
 * network, say) can still be written, piece by piece (see `writeFileAtomically` in `@bpnet/core/node`, which takes
 * pieces). Plain objects and arrays are walked; anything else (numbers, strings, objects with `toJSON`, typed arrays)
 * and each slice of a long array are written by JSON.stringify itself, so every value is written exactly as it would
 * be.
 * @throws TypeError as JSON.stringify does, for a BigInt or a cycle (a cycle as a RangeError for its depth).
 */
export function* jsonTextChunks(value: unknown): Generator<string, void, undefined> {
  const text = yield* valueChunks(value);
  if (text !== undefined) yield text;
}

/** Yields the pieces of `value`, or returns its whole text when it is short enough to go into the enclosing piece. */
function* valueChunks(value: unknown, depth = 0): Generator<string, string | undefined, undefined> {
  if (depth > 1000) throw new RangeError('jsonTextChunks: nested more than 1000 levels deep (is the value cyclic?)');
  if (Array.isArray(value)) {
    if (value.length > SLICE) {
      yield '[';
      for (let start = 0; start < value.length; start += SLICE) {
        const slice = JSON.stringify(value.slice(start, start + SLICE)).slice(1, -1);
        yield start === 0 ? slice : `,${slice}`;
      }
      return ']';
    }
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      const element = yield* flushing(text, valueChunks(value[i], depth + 1));
      text = element.before + (element.text ?? 'null');
    }
    return `${text}]`;
  }
  if (isPlainObject(value)) {
    let text = '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const prefix = `${text}${first ? '' : ','}${JSON.stringify(key)}:`;
      const element = yield* flushing(prefix, valueChunks((value as Record<string, unknown>)[key], depth + 1));
      // A property JSON.stringify leaves out (undefined, a function, a symbol) yields nothing and has no text.
      if (element.before === prefix && element.text === undefined) continue;
      text = element.before + (element.text ?? 'null');
      first = false;
    }
    return `${text}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs `inner` after the text gathered so far (`text`): if `inner` yields pieces, `text` is yielded first and
 * `before` is then empty; `inner`'s own short text is returned for the caller to append.
 */
function* flushing(
  text: string,
  inner: Generator<string, string | undefined, undefined>,
): Generator<string, { before: string; text: string | undefined }, undefined> {
  let before = text;
  for (;;) {
    const step = inner.next();
    if (step.done === true) return { before, text: step.value };
    if (before !== '') {
      yield before;
      before = '';
    }
    yield step.value;
  }
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
