/** The most UTF-16 code units encoded at once, so a huge text is written without a second copy of it in memory. */
const PIECE_LENGTH = 1 << 20;

/**
 * `content` (one text, or a text in pieces) as UTF-8 bytes, in pieces of at most 3 MiB; a long text is cut between
 * characters, never inside a surrogate pair, so the bytes are exactly those of the whole text.
 */
export function* utf8Pieces(content: string | Iterable<string>): Generator<Uint8Array> {
  for (const text of typeof content === 'string' ? [content] : content) {
    if (typeof text !== 'string')
      throw new TypeError(`writeFileAtomically: the content's pieces must be strings, got ${typeof text}`);
    let start = 0;
    while (start < text.length) {
      let end = Math.min(start + PIECE_LENGTH, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      yield Buffer.from(start === 0 && end === text.length ? text : text.slice(start, end), 'utf8');
      start = end;
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
