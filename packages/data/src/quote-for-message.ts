/** Longest piece of a name or cell an error message shows. */
const shownCharacters = 40;

/**
 * A name or cell for an error message: JSON-quoted (so line breaks, ANSI escapes and other control characters show
 * as escapes) and cut to its first 40 characters, followed by `… (N characters)` when cut, so a hostile file
 * cannot flood or garble the message.
 */
export function quoteForMessage(text: string): string {
  if (text.length <= shownCharacters) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, shownCharacters))}… (${text.length} characters)`;
}
