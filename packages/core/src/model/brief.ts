/** A value as JSON for an error message, cut to `limit` characters so a hostile file cannot flood the message. */
export function brief(value: unknown, limit = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}
