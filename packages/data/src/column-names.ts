import { quoteForMessage } from './quote-for-message.js';

/** At most this many column names are listed in an error message. */
const listedNames = 10;

/**
 * Checks a CSV header's column names, reading each name once (linear in the number of columns, whatever their
 * count): every name non-empty and no name twice.
 * @param where - `"<source> line L"`, the start of error messages.
 * @returns the column of each name.
 * @throws Error `"<where>: header column 2 has no name; expected every column named"` or
 *   `"<where>: the header names "a" twice (columns 1 and 3); expected distinct names"`.
 */
export function indexColumnNames(names: readonly string[], where: string): Map<string, number> {
  const columns = new Map<string, number>();
  const count = names.length;
  for (let column = 0; column < count; column++) {
    const name = names[column];
    if (name === '') throw new Error(`${where}: header column ${column + 1} has no name; expected every column named`);
    const first = columns.get(name);
    if (first !== undefined) {
      throw new Error(
        `${where}: the header names ${quoteForMessage(name)} twice ` +
          `(columns ${first + 1} and ${column + 1}); expected distinct names`,
      );
    }
    columns.set(name, column);
  }
  return columns;
}

/**
 * The first names of a header for an error message, each quoted and cut: `"a", "b", "c"` or `"a", …, "j" and 5 more`.
 */
export function listColumnNames(names: readonly string[]): string {
  const shown = names.slice(0, listedNames).map(quoteForMessage).join(', ');
  return names.length > listedNames ? `${shown} and ${names.length - listedNames} more` : shown;
}
