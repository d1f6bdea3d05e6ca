/** The most UTF-16 code units encoded at once, so a huge text is written without a second copy of it in memory. */
const PIECE_LENGTH = 1 << 20;

/** What `writeFileAtomically` writes: a text or bytes, or an iterable of pieces that are each one or the other. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * `content` (one text or byte array, or pieces of them) as the bytes to write: a text as UTF-8 in pieces of at most
 * 3 MiB, cut between characters, never inside a surrogate pair, so the bytes are exactly those of the whole text; a
 * byte array as it is (one piece, whatever its size).
 */
export function* contentPieces(content: FileContent): Generator<Uint8Array> {
  const pieces = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
  for (const piece of pieces) {
    if (piece instanceof Uint8Array) {
      yield piece;
      continue;
    }
    if (typeof piece !== 'string') {
      throw new TypeError(
        `writeFileAtomically: the content's pieces must be strings or Uint8Arrays, got ${typeof piece}`,
      );
    }
    const text = piece;
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
