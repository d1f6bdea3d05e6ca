import { escapeUnsafe } from '@bpnet/core/plugin';

/** Longest piece of a name or cell an error message shows. */
const shownCharacters = 40;

/**
 * A name or cell for an error message: JSON-quoted, with what JSON leaves as it is but a terminal could act on (C1
 * controls such as the one-byte CSI, DEL, line separators, bidirectional overrides) escaped by core's `escapeUnsafe`,
 * so line breaks, ANSI escapes and every other control character show as escapes; and cut to its first 40
 * characters, followed by `… (N characters)` when cut, so a hostile file cannot flood or garble the message.
 *
 * Not core's `quoted` (which shows an ordinary name in single quotes) nor `brief` (which cuts the JSON text and counts
 * its characters): CSV names and cells always show double-quoted, and N is the cell's own length.
 */
export function quoteForMessage(text: string): string {
  if (text.length <= shownCharacters) return escapeUnsafe(JSON.stringify(text));
  return `${escapeUnsafe(JSON.stringify(text.slice(0, shownCharacters)))}… (${text.length} characters)`;
}
