/**
 * Characters a terminal or log viewer may act on instead of showing: C0 and C1 controls (line breaks, ESC, the
 * one-byte CSI), DEL, the Unicode line and paragraph separators, bidirectional overrides and isolates, and lone
 * surrogates.
 */
const UNSAFE = new RegExp(
  [
    String.raw`[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]`, // controls, separators, bidi
    String.raw`[\ud800-\udbff](?![\udc00-\udfff])`, // a high surrogate without its low one
    String.raw`(?<![\ud800-\udbff])[\udc00-\udfff]`, // a low surrogate without its high one
  ].join('|'),
  'g',
);

/**
 * `text` with every character a terminal could act on (the `UNSAFE` pattern) written as its JSON escape (`\n`, `\t`,
 * `\u001b`, `\u009b`, …), so the result holds only printable characters.
 */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) =>
    c < ' ' ? JSON.stringify(c).slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The first `limit` characters of `text`, one fewer when the cut would split a surrogate pair. */
function head(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/**
 * A value as JSON for an error message, cut to `limit` characters so a hostile file cannot flood the message
 * (followed by `… (N characters)`, N the length of the whole JSON text), with control characters escaped.
 * A string longer than `limit` is cut before it is turned into JSON, so a huge one is never copied whole.
 */
export function brief(value: unknown, limit = 80): string {
  if (typeof value === 'string' && value.length > limit) {
    const text = JSON.stringify(head(value, limit));
    return `${escapeUnsafe(text.slice(0, limit))}… (${value.length + 2} characters)`;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return escapeUnsafe(text.length > limit ? `${head(text, limit)}… (${text.length} characters)` : text);
}

/**
 * A name from the caller or a file (a kind, an option, a field) for an error message. An ordinary name, at most
 * `limit` characters of printable text without `'`, shows as it is in single quotes, `'dense'`; any other is
 * JSON-quoted with control characters escaped and cut to its first `limit` characters followed by
 * `… (N characters)`, so a hostile name can neither flood nor garble the message.
 */
export function quoted(name: string, limit = 80): string {
  UNSAFE.lastIndex = 0;
  if (name.length <= limit && !name.includes("'") && !UNSAFE.test(name)) return `'${name}'`;
  const shown = escapeUnsafe(JSON.stringify(name.length > limit ? head(name, limit) : name));
  return name.length > limit ? `${shown}… (${name.length} characters)` : shown;
}
